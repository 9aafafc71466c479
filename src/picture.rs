//! A figure's picture: a PNG or JPEG file inside the programme folder, read with its pixel
//! size so the Word file and the HTML page can embed it (nothing is fetched, nothing outside
//! the folder is read). The checks use [`probe`] to know which pictures the folder has; the
//! documents use [`read`] for the bytes.

use std::io::Read;
use std::path::{Component, Path};

/// The largest picture embedded: a map or a diagram is far smaller.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// How much of a file [`probe`] reads to find the pixel size.
const PROBE_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
}

impl Format {
    /// The file extension of the part in the Word package.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpeg",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
        }
    }
}

/// A picture's format and size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub format: Format,
    pub width: u32,
    pub height: u32,
}

/// A picture read whole.
#[derive(Debug, Clone)]
pub struct Picture {
    pub shape: Shape,
    pub bytes: Vec<u8>,
}

/// The file `image` names inside `dir`, if it is a relative path that stays in the folder.
pub fn in_folder(dir: &Path, image: &str) -> Option<std::path::PathBuf> {
    inside(dir, image)
}

fn inside(dir: &Path, image: &str) -> Option<std::path::PathBuf> {
    let path = Path::new(image);
    let stays = path.is_relative()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    stays.then(|| dir.join(path))
}

/// Up to `limit` bytes of the file `image` names in `dir`: `None` when it is not a file of the
/// folder or is larger than [`MAX_BYTES`].
fn bytes(dir: &Path, image: &str, limit: u64) -> Option<Vec<u8>> {
    let path = inside(dir, image)?;
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return None;
    }
    let mut out = Vec::new();
    std::fs::File::open(&path)
        .ok()?
        .take(limit)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// The format and pixel size of the picture `image` names in `dir`: `None` when it is not a
/// file of the folder, larger than [`MAX_BYTES`], or not a PNG or JPEG whose size can be read.
pub fn probe(dir: &Path, image: &str) -> Option<Shape> {
    shape(&bytes(dir, image, PROBE_BYTES)?)
}

/// The picture `image` names in `dir`, read whole (see [`probe`] for when there is none).
pub fn read(dir: &Path, image: &str) -> Option<Picture> {
    let bytes = bytes(dir, image, MAX_BYTES)?;
    Some(Picture {
        shape: shape(&bytes)?,
        bytes,
    })
}

/// The format and size a file's opening bytes give.
pub fn shape(b: &[u8]) -> Option<Shape> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if b.starts_with(PNG) && b.len() >= 24 && &b[12..16] == b"IHDR" {
        let width = u32::from_be_bytes(b[16..20].try_into().ok()?);
        let height = u32::from_be_bytes(b[20..24].try_into().ok()?);
        return sized(Format::Png, width, height);
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        // JPEG: walk the segments to the first start-of-frame, which holds the size.
        let mut i = 2;
        while i + 9 < b.len() {
            if b[i] != 0xFF {
                return None;
            }
            let marker = b[i + 1];
            if marker == 0xFF {
                i += 1;
                continue;
            }
            let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
            let frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
            if frame {
                let height = u32::from(u16::from_be_bytes([b[i + 5], b[i + 6]]));
                let width = u32::from(u16::from_be_bytes([b[i + 7], b[i + 8]]));
                return sized(Format::Jpeg, width, height);
            }
            if len < 2 {
                return None;
            }
            i += 2 + len;
        }
    }
    None
}

fn sized(format: Format, width: u32, height: u32) -> Option<Shape> {
    (width > 0 && height > 0 && width <= 100_000 && height <= 100_000).then_some(Shape {
        format,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_and_jpeg_sizes_are_read_and_anything_else_is_not_a_picture() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(640u32.to_be_bytes());
        png.extend(480u32.to_be_bytes());
        assert_eq!(
            shape(&png),
            Some(Shape {
                format: Format::Png,
                width: 640,
                height: 480
            })
        );
        // SOI, an APP0 segment of 16 bytes, then SOF0 with height 200 and width 300.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend([0u8; 14]);
        jpeg.extend([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0xC8, 0x01, 0x2C, 0x03]);
        jpeg.extend([0u8; 10]);
        let s = shape(&jpeg).expect("a JPEG");
        assert_eq!((s.format, s.width, s.height), (Format::Jpeg, 300, 200));
        assert_eq!(shape(b"GIF89a\x01\x00\x01\x00"), None);
        assert_eq!(shape(&png[..20]), None);
        let mut zero = png.clone();
        zero[16..20].copy_from_slice(&0u32.to_be_bytes());
        assert_eq!(shape(&zero), None);
    }

    #[test]
    fn a_path_leaving_the_folder_is_no_picture() {
        let dir = tempfile::tempdir().unwrap();
        assert!(inside(dir.path(), "../x.png").is_none());
        assert!(inside(dir.path(), "/etc/passwd").is_none());
        assert!(inside(dir.path(), "pictures/map.png").is_some());
    }
}
