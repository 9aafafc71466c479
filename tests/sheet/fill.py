"""Fills workbooks made by `pmp sheet export` the way a body would, with a real spreadsheet
program: LibreOffice through UNO (`--client uno`, run by the Python that has `uno`) or openpyxl
(`--client openpyxl`). Used by tests/sheet.rs.

    fill.py --client uno|openpyxl PLAN.json

PLAN.json: {"workbooks": [{"in": path, "out": [path.xlsx, path.ods], "cells": [item, ...]}]}
An item sets one cell: {"sheet", "id", "breakdown", "key"} finds the row by its id (and
breakdown key) and the column by the key the hidden sheet `pmp` lists; {"sheet", "cell"}
names the cell; {"sheet", "new_row": true, "key"} takes the first row after the plan's. The
value is {"number": 5.6} or {"text": "..."}. Prints, as JSON, the address of every item's
cell (`Rādītāji!L4`), in order.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

FIRST_ROW = 3  # 0-based: the plan's rows start on row 4


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def parse_cell(a):
    letters = "".join(ch for ch in a if ch.isalpha())
    digits = "".join(ch for ch in a if ch.isdigit())
    c = 0
    for ch in letters:
        c = c * 26 + (ord(ch) - 64)
    return int(digits) - 1, c - 1


class Book:
    """What both clients provide: read a cell's text, write a number or a text, save."""

    def keys(self, sheet):
        r = 0
        while r < 40:
            if self.text("pmp", r, 0) == sheet:
                out = []
                c = 1
                while True:
                    k = self.text("pmp", r, c)
                    if k == "":
                        break
                    out.append(k)
                    c += 1
                return out
            r += 1
        raise SystemExit(f"no column keys for {sheet}")

    def locate(self, item):
        sheet = item["sheet"]
        if not self.has_sheet(sheet):
            return None
        if "cell" in item:
            return (sheet,) + parse_cell(item["cell"])
        keys = self.keys(sheet)
        col = keys.index(item["key"])
        id_col = keys.index("id")
        b_col = keys.index("breakdown") if "breakdown" in keys else None
        r = FIRST_ROW
        while True:
            rid = self.text(sheet, r, id_col)
            if item.get("new_row"):
                if rid == "":
                    return sheet, r, col
            else:
                if rid == "":
                    return None
                if rid == item["id"] and (b_col is None or self.text(sheet, r, b_col) == item.get("breakdown", "")):
                    return sheet, r, col
            r += 1

    def fill(self, items):
        addresses = []
        for item in items:
            at = self.locate(item)
            if at is None:
                addresses.append(None)
                continue
            sheet, r, c = at
            if "number" in item:
                self.set_number(sheet, r, c, item["number"])
            else:
                self.set_text(sheet, r, c, item["text"])
            addresses.append(f"{sheet}!{col_name(c)}{r + 1}")
        return addresses


class OpenpyxlBook(Book):
    def __init__(self, path):
        import openpyxl

        self.wb = openpyxl.load_workbook(path)

    def has_sheet(self, sheet):
        return sheet in self.wb.sheetnames

    def text(self, sheet, r, c):
        v = self.wb[sheet].cell(row=r + 1, column=c + 1).value
        return "" if v is None else str(v)

    def set_number(self, sheet, r, c, v):
        self.wb[sheet].cell(row=r + 1, column=c + 1).value = v

    def set_text(self, sheet, r, c, v):
        cell = self.wb[sheet].cell(row=r + 1, column=c + 1)
        cell.value = v
        cell.data_type = "s"

    def save(self, path):
        if not path.endswith(".xlsx"):
            raise SystemExit("openpyxl saves .xlsx only")
        self.wb.save(path)


class UnoBook(Book):
    def __init__(self, desktop, path):
        import uno
        from com.sun.star.beans import PropertyValue

        self.uno = uno
        self.PropertyValue = PropertyValue
        hidden = PropertyValue()
        hidden.Name, hidden.Value = "Hidden", True
        self.doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (hidden,))
        if self.doc is None:
            raise SystemExit(f"LibreOffice did not open {path}")

    def cell(self, sheet, r, c):
        return self.doc.Sheets.getByName(sheet).getCellByPosition(c, r)

    def has_sheet(self, sheet):
        return self.doc.Sheets.hasByName(sheet)

    def text(self, sheet, r, c):
        return self.cell(sheet, r, c).getString()

    def writable(self, sheet):
        s = self.doc.Sheets.getByName(sheet)
        if s.isProtected():
            s.unprotect("")
        return s

    def set_number(self, sheet, r, c, v):
        self.writable(sheet).getCellByPosition(c, r).setValue(v)

    def set_text(self, sheet, r, c, v):
        self.writable(sheet).getCellByPosition(c, r).setString(v)

    def save(self, path):
        f = self.PropertyValue()
        f.Name = "FilterName"
        f.Value = "Calc MS Excel 2007 XML" if path.endswith(".xlsx") else "calc8"
        self.doc.storeToURL(self.uno.systemPathToFileUrl(os.path.abspath(path)), (f,))

    def close(self):
        self.doc.close(True)


def uno_desktop(profile):
    import uno

    pipe = "pmp_fill_%d" % os.getpid()
    proc = subprocess.Popen(
        [
            "soffice",
            "-env:UserInstallation=file://" + profile,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(480):  # up to 2 minutes: a first start with a new profile on a busy machine
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return proc, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            time.sleep(0.25)
    proc.kill()
    raise SystemExit("LibreOffice did not answer on its pipe")


def main():
    client = sys.argv[sys.argv.index("--client") + 1]
    plan = json.load(open(sys.argv[-1], encoding="utf-8"))
    result = []
    if client == "openpyxl":
        for wb in plan["workbooks"]:
            book = OpenpyxlBook(wb["in"])
            result.append(book.fill(wb["cells"]))
            for out in wb["out"]:
                book.save(out)
    else:
        with tempfile.TemporaryDirectory() as profile:
            proc, desktop = uno_desktop(profile)
            try:
                for wb in plan["workbooks"]:
                    book = UnoBook(desktop, wb["in"])
                    result.append(book.fill(wb["cells"]))
                    for out in wb["out"]:
                        book.save(out)
                    book.close()
            finally:
                try:
                    desktop.terminate()
                except Exception:
                    pass
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
    print(json.dumps(result, ensure_ascii=False))


main()
