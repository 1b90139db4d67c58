"""Walking folders as a ruff user expects: .gitignore, exclude / extend-exclude, force-exclude,
and each file linted once."""

from __future__ import annotations

import os

from conftest import ROOT, run_cli

WEAK = "We decided to move from Pinecone to Milvus because of the indexing speed.\n"


def write(root, relative: str, text: str = WEAK) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if relative.endswith(".md") and text == WEAK:
        text = "# Why Milvus?\n\n" + WEAK
    path.write_text(text)


def linted(result, root) -> set[str]:
    assert result.code in (0, 1), result.err
    return {os.path.relpath(os.path.join(root, f["path"]), root).replace(os.sep, "/")
            for f in result.json()}


def journal_repo(root, git: bool = True) -> None:
    if git:
        (root / ".git").mkdir(parents=True)  # what marks a git work tree
    write(root, ".gitignore", "corpus/\n*.draft.md\n!keep.draft.md\n")
    write(root, "notes/.gitignore", "secret.md\n!mine.draft.md\n")
    for relative in ("answer.txt", "corpus/a.txt", "corpus/deep/b.md", "notes/x.draft.md",
                     "notes/keep.draft.md", "notes/mine.draft.md", "notes/secret.md",
                     "notes/week1.md"):
        write(root, relative)


def test_gitignore_files_nested_and_negated_are_respected_in_a_work_tree(tmp_path):
    journal_repo(tmp_path)
    result = run_cli("--format", "json", ".", cwd=tmp_path)
    assert linted(result, tmp_path) == {"answer.txt", "notes/keep.draft.md",
                                        "notes/mine.draft.md", "notes/week1.md"}
    everything = run_cli("--format", "json", "--no-respect-gitignore", ".", cwd=tmp_path)
    assert len(linted(everything, tmp_path)) == 8


def test_git_info_exclude_counts_and_outside_a_work_tree_gitignore_is_not_read(tmp_path):
    repo, plain = tmp_path / "repo", tmp_path / "plain"
    journal_repo(repo)
    write(repo, ".git/info/exclude", "week1.md\n")
    assert "notes/week1.md" not in linted(run_cli("--format", "json", str(repo)), repo)
    journal_repo(plain, git=False)
    assert len(linted(run_cli("--format", "json", str(plain)), plain)) == 8


def test_a_git_ignored_path_named_on_the_command_line_is_linted_unless_force_exclude(tmp_path):
    journal_repo(tmp_path)
    named = run_cli("--format", "json", "corpus/a.txt", "notes", cwd=tmp_path)
    assert linted(named, tmp_path) == {"corpus/a.txt", "notes/keep.draft.md",
                                       "notes/mine.draft.md", "notes/week1.md"}
    folder = run_cli("--format", "json", "corpus", cwd=tmp_path)
    assert linted(folder, tmp_path) == {"corpus/a.txt", "corpus/deep/b.md"}
    forced = run_cli("--format", "json", "--force-exclude", "corpus/a.txt", "corpus/deep/b.md",
                     "notes/x.draft.md", "answer.txt", cwd=tmp_path)
    assert linted(forced, tmp_path) == {"answer.txt"}
    nothing = run_cli("--format", "json", "--force-exclude", "corpus", cwd=tmp_path)
    assert (nothing.code, nothing.json(), nothing.err) == (0, [], "")


def test_exclude_and_extend_exclude_in_configuration(tmp_path):
    write(tmp_path, ".critique.toml", 'extend-exclude = ["drafts", "journal/old-*"]\n')
    for relative in ("a.txt", "drafts/b.txt", "journal/old-2023.md", "journal/new.md",
                     "node_modules/pkg/readme.md", "venv/notes.txt", "sub/drafts/c.txt",
                     ".obsidian/hidden.md"):
        write(tmp_path, relative)
    assert linted(run_cli("--format", "json", str(tmp_path)), tmp_path) == {
        "a.txt", "journal/new.md"}
    # `exclude` replaces the defaults (node_modules, venv...); globs are read from the
    # configuration's folder, wherever critique runs.
    write(tmp_path, ".critique.toml", 'exclude = ["journal/*"]\n')
    assert linted(run_cli("--format", "json", str(tmp_path)), tmp_path) == {
        "a.txt", "drafts/b.txt", "node_modules/pkg/readme.md", "venv/notes.txt",
        "sub/drafts/c.txt"}


def test_exclude_and_extend_exclude_on_the_command_line(tmp_path):
    write(tmp_path, ".critique.toml", 'extend-exclude = ["drafts"]\n')
    for relative in ("a.txt", "drafts/b.txt", "journal/x.md", "journal/y.md", "old.txt",
                     "node_modules/n.md"):
        write(tmp_path, relative)
    extended = run_cli("--format", "json", "--extend-exclude", "journal/x.md,old.*", ".",
                       cwd=tmp_path)
    assert linted(extended, tmp_path) == {"a.txt", "journal/y.md"}
    # --exclude replaces `exclude` (the defaults); the file's extend-exclude still holds.
    replaced = run_cli("--format", "json", "--exclude", "journal", ".", cwd=tmp_path)
    assert linted(replaced, tmp_path) == {"a.txt", "old.txt", "node_modules/n.md"}
    # Named on the command line: linted, unless --force-exclude.
    named = run_cli("--format", "json", "--exclude", "journal", "journal/x.md", cwd=tmp_path)
    assert linted(named, tmp_path) == {"journal/x.md"}
    forced = run_cli("--format", "json", "--force-exclude", "drafts/b.txt", "a.txt",
                     cwd=tmp_path)
    assert linted(forced, tmp_path) == {"a.txt"}


def test_force_exclude_in_configuration_and_in_the_pre_commit_hook(tmp_path):
    write(tmp_path, ".critique.toml", 'extend-exclude = ["drafts"]\nforce-exclude = true\n')
    write(tmp_path, "drafts/b.txt")
    result = run_cli("--format", "json", "drafts/b.txt", cwd=tmp_path)
    assert (result.code, result.json()) == (0, [])
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "entry: critique check --force-exclude" in hook  # pre-commit names every file


def test_a_folder_whose_answers_are_all_excluded_says_so(tmp_path):
    write(tmp_path, "drafts/b.txt")
    result = run_cli("--exclude", "drafts", str(tmp_path))
    assert result.code == 2
    assert result.err.strip() == (f"critique: {tmp_path}: no .txt, .md or .markdown files "
                                  "outside the excluded paths (exclude, extend-exclude, "
                                  ".gitignore)")


def test_bad_exclusion_settings_exit_2_naming_the_key(tmp_path):
    write(tmp_path, "a.txt")
    for text, key in (('exclude = "drafts"\nextend-exclude = [1]\n', "extend-exclude"),
                      ("respect-gitignore = 1\n", "respect-gitignore"),
                      ('force-exclude = "yes"\n', "force-exclude")):
        write(tmp_path, ".critique.toml", text)
        result = run_cli(str(tmp_path / "a.txt"))
        assert result.code == 2 and f"key '{key}'" in result.err, result.err


def test_a_path_given_twice_in_any_spelling_is_linted_once(tmp_path):
    write(tmp_path, "a.md")
    write(tmp_path, "sub/b.txt")
    result = run_cli("--format", "json", "a.md", "./a.md", "sub/../a.md", str(tmp_path / "a.md"),
                     "sub/b.txt", "sub", ".", cwd=tmp_path)
    findings = result.json()
    assert {f["path"] for f in findings} == {"a.md", "sub/b.txt"}  # the first spelling given
    once = run_cli("--format", "json", "a.md", cwd=tmp_path).json()
    assert len([f for f in findings if f["path"] == "a.md"]) == len(once)
    human = run_cli("a.md", "./a.md", cwd=tmp_path).out
    assert human.count("answer 1 (line 3)") == 1 and "in 1 file," in human


def test_force_exclude_never_excludes_the_folder_globs_are_read_from(tmp_path):
    drafts = tmp_path / "drafts"
    write(drafts, "a.txt")
    result = run_cli("--format", "json", "--force-exclude", "--extend-exclude", "drafts", ".",
                     cwd=drafts)
    assert linted(result, drafts) == {"a.txt"}


def test_a_gitignore_line_git_would_not_take_is_skipped_not_fatal(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "!\nbad\\\ndrafts/\n")
    write(tmp_path, "drafts/a.txt")
    write(tmp_path, "b.txt")
    result = run_cli("--format", "json", ".", cwd=tmp_path)
    assert linted(result, tmp_path) == {"b.txt"} and result.err == ""
