"""A fake GitHub for the form editor's browser test: one repository, answered in memory.

It answers the REST and GraphQL requests Sveltia CMS makes with a token (sign-in, reading
the records, the editorial workflow's branch, commit and pull request) from the shapes its
code reads, and records what the editor's Save did. Anything it does not know is answered
with an error and listed in `unknown`, so a new request from a CMS update fails the test
instead of passing unseen. Object ids are Git's (SHA-1 of the content), so they are stable.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

API = "https://api.github.com"
DATE = "2024-01-01T00:00:00Z"
"""Every commit's date: the fake has no clock."""


def blob_sha(text: str) -> str:
    data = text.encode("utf-8")
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class Commit:
    oid: str
    files: dict[str, str]
    message: str
    parent: str = ""


@dataclass
class PullRequest:
    number: int
    head: str
    base: str
    title: str
    draft: bool
    labels: list[str] = field(default_factory=list)

    def node_id(self) -> str:
        return f"PR_{self.number}"


@dataclass
class FakeGitHub:
    """One repository `owner/name` whose `branch` holds `files`, and the signed-in `login`."""

    repo: str
    files: dict[str, str]
    branch: str = "main"
    login: str = "new-editor"
    token: str = "github_pat_test"
    commits: dict[str, Commit] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    pulls: list[PullRequest] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    unauthorised: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.refs[self.branch] = self._commit(dict(self.files), "Initial commit", "")

    def _commit(self, files: dict[str, str], message: str, parent: str) -> str:
        digest = json.dumps([sorted(files.items()), message, parent]).encode("utf-8")
        oid = hashlib.sha1(digest).hexdigest()
        self.commits[oid] = Commit(oid, files, message, parent)
        return oid

    def added(self, pull: PullRequest) -> dict[str, str]:
        """The files the pull request's branch adds or changes against its base."""
        head = self.commits[self.refs[pull.head]].files
        base = self.commits[self.refs[pull.base]].files
        return {path: text for path, text in head.items() if base.get(path) != text}

    # The entry point: a request in, (status, JSON body) out.

    def answer(self, method: str, url: str, body: str, authorization: str) -> tuple[int, Any]:
        parts = urlsplit(url)
        path = unquote(parts.path)
        self.requests.append(f"{method} {path}{'?' + parts.query if parts.query else ''}")
        if authorization not in (f"token {self.token}", f"Bearer {self.token}"):
            self.unauthorised.append(f"{method} {path}")
            return 401, {"message": "Bad credentials"}
        payload = json.loads(body) if body else {}
        if path == "/graphql" and method == "POST":
            return self._graphql(payload["query"], payload.get("variables") or {})
        status, answer = self._rest(method, path, payload)
        if status == 404 and answer is None:
            self.unknown.append(f"{method} {path}")
            return 404, {"message": "Not Found"}
        return status, answer

    def _rest(self, method: str, path: str, payload: dict[str, Any]) -> tuple[int, Any]:
        repo = f"/repos/{self.repo}"
        if (method, path) == ("GET", "/user"):
            return 200, {
                "id": 1,
                "login": self.login,
                "name": "New Editor",
                "email": None,
                "avatar_url": "",
                "html_url": f"https://github.com/{self.login}",
            }
        if method == "GET" and path == f"{repo}/collaborators/{self.login}":
            return 204, ""
        if method == "GET" and path.startswith(f"{repo}/git/trees/"):
            ref = path.removeprefix(f"{repo}/git/trees/")
            commit = self.commits.get(self.refs.get(ref, ref))
            if commit is None:
                return 404, {"message": "Not Found"}
            tree = [
                {"path": p, "type": "blob", "sha": blob_sha(t), "size": len(t.encode())}
                for p, t in sorted(commit.files.items())
            ]
            return 200, {"sha": commit.oid, "tree": tree, "truncated": False}
        if (method, path) == ("POST", f"{repo}/pulls"):
            number = len(self.pulls) + 1
            pull = PullRequest(
                number,
                payload["head"],
                payload["base"],
                payload["title"],
                bool(payload.get("draft")),
            )
            self.pulls.append(pull)
            return 201, self._pull_json(pull)
        match = re.fullmatch(rf"{re.escape(repo)}/issues/(\d+)/labels", path)
        if method == "POST" and match:
            pull = self.pulls[int(match[1]) - 1]
            pull.labels += payload["labels"]
            return 200, [{"name": name} for name in pull.labels]
        return 404, None

    def _pull_json(self, pull: PullRequest) -> dict[str, Any]:
        return {
            "number": pull.number,
            "node_id": pull.node_id(),
            "title": pull.title,
            "html_url": f"https://github.com/{self.repo}/pull/{pull.number}",
            "head": {"ref": pull.head, "sha": self.refs[pull.head]},
            "draft": pull.draft,
            "created_at": DATE,
            "updated_at": DATE,
        }

    def _graphql(self, query: str, variables: dict[str, Any]) -> tuple[int, Any]:
        branch = str(variables.get("branch") or self.branch)
        if "createCommitOnBranch" in query:
            return self._create_commit(query, variables["input"])
        if "createRef(" in query:
            name = variables["input"]["name"].removeprefix("refs/heads/")
            if name in self.refs:
                return 200, {"data": None, "errors": [{"message": "Reference already exists"}]}
            self.refs[name] = variables["input"]["oid"]
            return 200, {"data": {"createRef": {"ref": {"name": name}}}}
        if "fork: repository" in query:
            return 200, {
                "data": {
                    "fork": {"id": "R_1"},
                    "base": {"ref": {"target": {"oid": self.refs[self.branch]}}},
                }
            }
        if "defaultBranchRef" in query:
            return 200, {"data": {"repository": {"defaultBranchRef": {"name": self.branch}}}}
        if "pullRequests(" in query and "labels:" in query:
            nodes = [self._pull_node(p) for p in self.pulls]
            return 200, {"data": {"repository": {"pullRequests": {"nodes": nodes}}}}
        if "pullRequests(headRefName: $branch" in query:
            count = sum(p.head == branch for p in self.pulls)
            return 200, {"data": {"repository": {"pullRequests": {"totalCount": count}}}}
        if "refs(refPrefix:" in query:
            return 200, {"data": {"repository": {"refs": {"nodes": []}}}}
        aliases = list(re.finditer(r"(\w+_\d+): ", query))
        if aliases:
            repository: dict[str, Any] = {}
            for index, alias in enumerate(aliases):
                end = aliases[index + 1].start() if index + 1 < len(aliases) else len(query)
                answer = self._fragment(query[alias.end() : end].strip(), branch)
                if answer is False:
                    self.unknown.append(f"graphql {query[alias.end() : end][:80]}")
                    return 200, {"data": None, "errors": [{"message": "unknown fragment"}]}
                repository[alias[1]] = answer
            return 200, {"data": {"repository": repository}}
        if "history(first: 1)" in query:
            oid = self.refs.get(branch)
            ref = None
            if oid:
                message = self.commits[oid].message
                history = {"nodes": [{"oid": oid, "message": message}]}
                ref = {"target": {"history": history}}
            return 200, {"data": {"repository": {"ref": ref}}}
        if "ref(qualifiedName: $branch) { target { ... on Commit { oid" in query:
            target = {"target": {"oid": self.refs[branch]}} if branch in self.refs else None
            return 200, {"data": {"repository": {"ref": target}}}
        self.unknown.append(f"graphql {query[:120]}")
        return 200, {"data": None, "errors": [{"message": "unknown query"}]}

    def _fragment(self, fragment: str, branch: str) -> Any:
        """One aliased part of a batched query: a blob's text, a file's last commit, a
        commit's checks, a pull request's file (False when the shape is unknown)."""
        blob = re.match(r'object\(oid: "(\w+)"\) \{ \.\.\. on Blob', fragment)
        if blob:
            texts = {blob_sha(t): t for c in self.commits.values() for t in c.files.values()}
            text = texts.get(blob[1])
            return None if text is None else {"text": text, "isTruncated": False}
        if re.match(r'object\(oid: "(\w+)"\) \{ \.\.\. on Commit', fragment):
            return {
                "status": None,
                "deployments": {"nodes": []},
                "checkSuites": {"nodes": []},
            }
        expression = re.match(r'object\(expression: ("[^"]*")\)', fragment)
        if expression:
            ref, _, path = json.loads(expression[1]).partition(":")
            text = self.commits[self.refs[ref]].files.get(path) if ref in self.refs else None
            if text is None:
                return None
            size = len(text.encode("utf-8"))
            return {
                "oid": blob_sha(text),
                "byteSize": size,
                "isBinary": False,
                "isTruncated": False,
                "text": text,
            }
        history = re.search(r'history\(first: \d+, path: ("[^"]*")\)', fragment)
        if fragment.startswith("ref(qualifiedName: $branch)") and history:
            path = json.loads(history[1])
            author = {
                "name": "Archive maintainer",
                "email": "maintainer@example.org",
                "avatarUrl": "",
                "user": None,
            }
            known = path in self.commits[self.refs[branch]].files
            nodes = [{"oid": self.refs[branch], "author": author, "committedDate": DATE}]
            return {"target": {"history": {"nodes": nodes if known else []}}}
        return False

    def _create_commit(self, query: str, change: dict[str, Any]) -> tuple[int, Any]:
        name = change["branch"]["branchName"]
        head = self.refs.get(name)
        if head is None or head != change["expectedHeadOid"]:
            return 200, {"data": None, "errors": [{"message": "Expected branch head moved"}]}
        files = dict(self.commits[head].files)
        for removed in change["fileChanges"].get("deletions", []):
            files.pop(removed["path"], None)
        added = change["fileChanges"].get("additions", [])
        for addition in added:
            files[addition["path"]] = base64.b64decode(addition["contents"]).decode("utf-8")
        self.refs[name] = self._commit(files, change["message"]["headline"], head)
        commit: dict[str, Any] = {"oid": self.refs[name], "committedDate": DATE}
        for alias in re.finditer(r'(file_\d+): file\(path: ("[^"]*")\)', query):
            commit[alias[1]] = {"oid": blob_sha(files[json.loads(alias[2])])}
        return 200, {"data": {"createCommitOnBranch": {"commit": commit}}}

    def _pull_node(self, pull: PullRequest) -> dict[str, Any]:
        files = [{"path": p, "changeType": "ADDED"} for p in sorted(self.added(pull))]
        return {
            "id": pull.node_id(),
            "number": pull.number,
            "title": pull.title,
            "url": f"https://github.com/{self.repo}/pull/{pull.number}",
            "isDraft": pull.draft,
            "isCrossRepository": False,
            "createdAt": DATE,
            "updatedAt": DATE,
            "headRefName": pull.head,
            "headRefOid": self.refs[pull.head],
            "author": {"login": self.login, "avatarUrl": "", "name": "New Editor"},
            "labels": {"nodes": [{"name": name} for name in pull.labels]},
            "files": {"nodes": files},
        }
