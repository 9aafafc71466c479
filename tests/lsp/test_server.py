"""`pmp lsp` driven as an editor drives it: pytest-lsp's client (pygls) starts the real binary
(PMP_BIN) on stdio, opens the demonstration programme (a copy), edits buffers and asks for
diagnostics, hover, definition, completion and code actions. tests/lsp.rs runs this file.
"""

import os
import pathlib
import shutil
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-novads"
PMP = os.environ.get("PMP_BIN", str(ROOT / "target" / "debug" / "pmp"))
WORK = pathlib.Path(os.environ.get("PMP_LSP_WORK", "/tmp/pmp-lsp-test")) / "demo-novads"


def fresh_copy() -> pathlib.Path:
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(DEMO, WORK)
    return WORK


def snapshot(folder: pathlib.Path) -> dict:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[PMP, "lsp"],
        server_env={**os.environ, "PMP_TODAY": "2026-11-22", "LANG": "C", "LC_ALL": "C"},
    ),
)
async def client(lsp_client: LanguageClient, request):
    folder = fresh_copy()
    locale = getattr(request, "param", "en")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            root_uri=folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="demo")],
            locale=locale,
        )
    )
    yield
    await lsp_client.shutdown_session()


def uri(name: str) -> str:
    return (WORK / name).as_uri()


def text(name: str) -> str:
    return (WORK / name).read_text(encoding="utf-8")


def pos_of(content: str, needle: str, nth: int = 0, delta: int = 0) -> types.Position:
    """The LSP position (UTF-16 columns) of the nth occurrence of needle, plus delta."""
    at = -1
    for _ in range(nth + 1):
        at = content.index(needle, at + 1)
    at += delta
    line = content.count("\n", 0, at)
    start = content.rfind("\n", 0, at) + 1
    return types.Position(line=line, character=len(content[start:at].encode("utf-16-le")) // 2)


async def diagnostics_for(client: LanguageClient, name: str):
    """Waits for the next publishDiagnostics of `name`: the server sends the touched file's
    first, so this is one round trip."""
    while True:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if uri(name) in client.diagnostics:
            return list(client.diagnostics.pop(uri(name)))


def open_doc(client: LanguageClient, name: str, content: str | None = None):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri(name), language_id="yaml", version=1, text=content if content is not None else text(name)
            )
        )
    )


def change_doc(client: LanguageClient, name: str, content: str, version: int):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(name), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=content)],
        )
    )


@pytest.mark.asyncio
async def test_a_total_edited_in_a_buffer_is_found_at_its_cell(client: LanguageClient):
    before = snapshot(WORK)
    original = text("situation.yaml")
    open_doc(client, "situation.yaml")
    assert await diagnostics_for(client, "situation.yaml") == []
    edited = original.replace("cells: [Kopā, 270, 350, 620]", "cells: [Kopā, 270, 350, 621]")
    assert edited != original
    change_doc(client, "situation.yaml", edited, 2)
    found = await diagnostics_for(client, "situation.yaml")
    start = pos_of(edited, "621")
    # The cell is the total of its column and of its row: a finding for each, both at it.
    totals = [d for d in found if d.code == "total-mismatch"]
    assert len(totals) == 2 and all(d.range.start == start for d in totals), (start, found)
    d = totals[0]
    assert d.range.end == types.Position(line=start.line, character=start.character + 3)
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.source == "pmp"
    assert "621" in d.message or "620" in d.message, d.message
    assert d.code_description.href.endswith("rules.md#total-mismatch")
    # Back to the figure on disk: the finding is cleared.
    change_doc(client, "situation.yaml", original, 3)
    assert await diagnostics_for(client, "situation.yaml") == []
    # The server wrote nothing.
    assert snapshot(WORK) == before


@pytest.mark.asyncio
async def test_a_change_in_one_file_is_published_on_the_file_it_concerns(client: LanguageClient):
    # Removing a goal from goals.yaml: the plan's references to it are findings in plan.yaml.
    goals = text("goals.yaml")
    open_doc(client, "goals.yaml")
    await diagnostics_for(client, "goals.yaml")
    broken = goals.replace("id: g1", "id: g9", 1)
    change_doc(client, "goals.yaml", broken, 2)
    found = await diagnostics_for(client, "plan.yaml")
    assert any(d.code == "unknown-id" for d in found), found
    change_doc(client, "goals.yaml", goals, 3)
    assert await diagnostics_for(client, "plan.yaml") == []


@pytest.mark.asyncio
async def test_hover_explains_a_finding_and_names_an_id(client: LanguageClient):
    original = text("situation.yaml")
    edited = original.replace("cells: [Kopā, 270, 350, 620]", "cells: [Kopā, 270, 350, 621]")
    open_doc(client, "situation.yaml", edited)
    await diagnostics_for(client, "situation.yaml")
    h = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri("situation.yaml")),
            position=pos_of(edited, "621", delta=1),
        )
    )
    assert h is not None
    assert "total-mismatch" in h.contents.value
    assert "not the sum" in h.contents.value, h.contents.value

    plan = text("plan.yaml")
    open_doc(client, "plan.yaml")
    await diagnostics_for(client, "plan.yaml")
    h = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri("plan.yaml")),
            position=pos_of(plan, "goal: g1", delta=7),
        )
    )
    goals = text("goals.yaml")
    title = goals.split("id: g1", 1)[1].split("title:", 1)[1].split("\n", 1)[0].strip()
    assert h is not None and "**goal** `g1`" in h.contents.value, h
    assert title.strip('"') in h.contents.value
    # An institution by its short form.
    h = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri("plan.yaml")),
            position=pos_of(plan, "responsible: [Skolas]", delta=len("responsible: [S")),
        )
    )
    assert h is not None and "**institution**" in h.contents.value, h


@pytest.mark.asyncio
async def test_definition_goes_to_where_an_id_is_written(client: LanguageClient):
    plan = text("plan.yaml")
    open_doc(client, "plan.yaml")
    await diagnostics_for(client, "plan.yaml")
    loc = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri("plan.yaml")),
            position=pos_of(plan, "goal: g1", delta=6),
        )
    )
    assert loc is not None
    loc = loc[0] if isinstance(loc, list) else loc
    assert loc.uri == uri("goals.yaml")
    goals = text("goals.yaml")
    assert loc.range.start == pos_of(goals, "g1"), loc


@pytest.mark.asyncio
async def test_completion_offers_ids_and_institutions_where_a_reference_belongs(client: LanguageClient):
    plan = text("plan.yaml")
    edited = plan.replace("    goal: g1\n", "    goal: \n", 1)
    open_doc(client, "plan.yaml", edited)
    await diagnostics_for(client, "plan.yaml")
    items = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri("plan.yaml")),
            position=pos_of(edited, "    goal: \n", delta=len("    goal: ")),
        )
    )
    labels = [i.label for i in (items.items if hasattr(items, "items") else items)]
    assert "g1" in labels and "g2" in labels, labels
    assert not any(" " in l for l in labels), labels
    at = pos_of(edited, "responsible: [Skolas]", delta=len("responsible: ["))
    items = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri("plan.yaml")), position=at)
    )
    labels = [i.label for i in (items.items if hasattr(items, "items") else items)]
    assert "Sociālais dienests" in labels and "IP" in labels, labels
    # A title is no reference: nothing is offered there.
    at = pos_of(edited, "title:", delta=len("title: "))
    items = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri("plan.yaml")), position=at)
    )
    assert not (items.items if hasattr(items, "items") else items)


def apply_edits(content: str, edits) -> str:
    def offset(p):
        lines = content.split("\n")
        before = "\n".join(lines[: p.line])
        base = len(before) + (1 if p.line > 0 else 0)
        line = lines[p.line] if p.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= p.character:
                return base + i
            units += len(ch.encode("utf-16-le")) // 2
        return base + len(line)

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        s, t = offset(e.range.start), offset(e.range.end)
        content = content[:s] + e.new_text + content[t:]
    return content


@pytest.mark.asyncio
async def test_code_actions_fix_a_finding_and_allow_one_with_a_reason(client: LanguageClient):
    plan = text("plan.yaml")
    edited = plan.replace("responsible: [IP", "responsible: [Izglitibas parvalde", 1)
    if edited == plan:
        edited = plan.replace("[Skolas]", "[Izglitibas parvalde]", 1)
    open_doc(client, "plan.yaml", edited)
    found = await diagnostics_for(client, "plan.yaml")
    unknown = [d for d in found if d.code == "unknown-institution"]
    assert len(unknown) == 1, found
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri("plan.yaml")),
            range=unknown[0].range,
            context=types.CodeActionContext(diagnostics=unknown),
        )
    )
    fixes = [a for a in actions if a.is_preferred]
    assert len(fixes) == 1, actions
    fixed = apply_edits(edited, fixes[0].edit.changes[uri("plan.yaml")])
    assert "[Izglītības pārvalde" in fixed
    change_doc(client, "plan.yaml", fixed, 2)
    assert [d for d in await diagnostics_for(client, "plan.yaml") if d.code == "unknown-institution"] == []

    # A finding with no fix: an allow line, on the line above, with a reason to write.
    situation = text("situation.yaml")
    edited = situation.replace("cells: [Kopā, 270, 350, 620]", "cells: [Kopā, 270, 350, 621]")
    open_doc(client, "situation.yaml", edited)
    total = [d for d in await diagnostics_for(client, "situation.yaml") if d.code == "total-mismatch"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri("situation.yaml")),
            range=total[0].range,
            context=types.CodeActionContext(diagnostics=total),
        )
    )
    allow = [a for a in actions if "allow" in a.title.lower()]
    assert len(allow) == 1, actions
    allowed = apply_edits(edited, allow[0].edit.changes[uri("situation.yaml")])
    assert "# pmp: allow total-mismatch -- reason\n" in allowed
    change_doc(client, "situation.yaml", allowed, 2)
    assert await diagnostics_for(client, "situation.yaml") == []


@pytest.mark.asyncio
async def test_a_malformed_buffer_is_a_finding_and_the_server_keeps_answering(client: LanguageClient):
    original = text("plan.yaml")
    open_doc(client, "plan.yaml")
    await diagnostics_for(client, "plan.yaml")
    for i, bad in enumerate(
        [
            "activities: [\n  - {id: : :\n\t- ]]]\n",
            "\x00\x01binary",
            ": \n" * 2000,
            "a: *unknown_alias\n",
            "&a [*a, *a]\n" * 50,
            "",
            "activities:\n" + "  - " * 5000 + "x\n",
            original[: len(original) // 2],
        ]
    ):
        change_doc(client, "plan.yaml", bad, 2 + i)
        found = await diagnostics_for(client, "plan.yaml")
        assert found, repr(bad[:40])
        h = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri("plan.yaml")),
                position=types.Position(line=0, character=1),
            )
        )
    change_doc(client, "plan.yaml", original, 99)
    assert await diagnostics_for(client, "plan.yaml") == []
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri("plan.yaml")))
    )


@pytest.mark.parametrize("client", ["lv"], indirect=True)
@pytest.mark.asyncio
async def test_messages_speak_the_clients_language(client: LanguageClient):
    original = text("situation.yaml")
    edited = original.replace("cells: [Kopā, 270, 350, 620]", "cells: [Kopā, 270, 350, 621]")
    open_doc(client, "situation.yaml", edited)
    found = [d for d in await diagnostics_for(client, "situation.yaml") if d.code == "total-mismatch"]
    assert "kopsumma" in found[0].message, found[0].message
    assert found[0].code_description.href.endswith("rules.lv.md#total-mismatch")
