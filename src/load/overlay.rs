//! Texts that stand in for files on disk: an editor's unsaved buffers (`pmp lsp`) and the
//! texts `pmp check --fix --diff` has fixed in memory. The loader reads every part and CSV
//! table through [`text_of`] first, so a programme is checked from these texts where there
//! are some and from the disk elsewhere, in one place.
//!
//! An overlay is in force for the duration of [`with_overlay`]; scopes never overlap (a second
//! one waits for the first), so the loader's worker threads all see the same texts.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

/// Texts by path, the paths as the loader builds them (the programme folder joined with the
/// file's name).
#[derive(Debug, Default, Clone)]
pub struct Overlay {
    texts: HashMap<PathBuf, Arc<str>>,
}

impl Overlay {
    pub fn new() -> Self {
        Overlay::default()
    }

    pub fn insert(&mut self, path: PathBuf, text: impl Into<Arc<str>>) {
        self.texts.insert(path, text.into());
    }

    pub fn remove(&mut self, path: &Path) {
        self.texts.remove(path);
    }

    pub fn get(&self, path: &Path) -> Option<&Arc<str>> {
        self.texts.get(path)
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.texts.keys()
    }
}

static CURRENT: RwLock<Option<Arc<Overlay>>> = RwLock::new(None);
static SCOPE: Mutex<()> = Mutex::new(());

/// Runs `f` with `overlay`'s texts read in place of the files at their paths.
pub fn with_overlay<R>(overlay: Arc<Overlay>, f: impl FnOnce() -> R) -> R {
    let _scope = SCOPE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    /// Takes the overlay away when the scope ends, also by unwinding.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            *CURRENT.write().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        }
    }
    *CURRENT.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(overlay);
    let _reset = Reset;
    f()
}

/// The text standing in for `path`, if the overlay in force has one.
pub(crate) fn text_of(path: &Path) -> Option<Arc<str>> {
    let current = CURRENT.read().unwrap_or_else(std::sync::PoisonError::into_inner);
    current.as_ref()?.get(path).cloned()
}
