"""`import cake_sdk` stays cheap: asyncio (with ssl, socket, subprocess, inspect...) comes in
with the first use of AsyncClient, logging with the first client, and typing with the first
use of a type of what goes in (``CreateOfferParams``, ``Money``...: ``_types``), each in a
fresh interpreter (this one has imported everything already). How fast the import is, is
measured by the benchmarks (bench/python/bench_footprint.py), not here."""

from __future__ import annotations

import ast
import pickle
import subprocess
import sys
import textwrap

from cake_sdk import AsyncClient

# Imported by AsyncClient (or by a client), never by `import cake_sdk` itself.
LAZY = ("asyncio", "ssl", "socket", "subprocess", "inspect", "concurrent.futures", "logging", "cake_sdk.aio", "cake_sdk._log_levels", "typing", "cake_sdk._types")


def run(body: str) -> str:
    """``body`` in a fresh interpreter, after a check that none of LAZY was there before it;
    its stdout."""
    script = f"import sys\nLAZY = {LAZY!r}\nassert not [m for m in LAZY if m in sys.modules], sorted(sys.modules)\n"
    script += textwrap.dedent(body)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_import_leaves_asyncio_and_logging_out() -> None:
    out = run(
        """
        import cake_sdk
        print(sorted(m for m in LAZY if m in sys.modules))
        """
    )
    assert out.split("\n")[0] == "[]"


def test_asyncclient_imports_asyncio_on_first_use() -> None:
    run(
        """
        import cake_sdk
        assert "AsyncClient" in dir(cake_sdk) and "AsyncClient" in cake_sdk.__all__
        assert "asyncio" not in sys.modules
        cls = cake_sdk.AsyncClient
        assert "asyncio" in sys.modules and "cake_sdk.aio" in sys.modules
        assert cls.__module__ == "cake_sdk.aio" and "AsyncClient" in vars(cake_sdk)
        from cake_sdk import AsyncClient
        from cake_sdk.aio import AsyncClient as direct
        assert AsyncClient is cls is direct
        """
    )


def test_from_import_of_asyncclient() -> None:
    run(
        """
        from cake_sdk import AsyncClient
        import asyncio
        assert AsyncClient.__name__ == "AsyncClient" and "cake_sdk.aio" in sys.modules
        """
    )


def test_aio_module_is_still_an_attribute() -> None:
    """``cake_sdk.aio`` reads as before (it used to be imported with the package)."""
    run(
        """
        import cake_sdk
        assert "aio" in dir(cake_sdk) and "asyncio" not in sys.modules
        assert cake_sdk.aio.AsyncClient is cake_sdk.AsyncClient and "asyncio" in sys.modules
        """
    )


def test_every_public_name_is_there() -> None:
    """``dir()`` and ``from cake_sdk import *`` still give every name of ``__all__``, the
    lazy ones included; an unknown name is still an AttributeError."""
    run(
        """
        import cake_sdk
        assert set(cake_sdk.__all__) <= set(dir(cake_sdk)), set(cake_sdk.__all__) - set(dir(cake_sdk))
        names = {}
        exec("from cake_sdk import *", names)
        assert set(cake_sdk.__all__) <= set(names), set(cake_sdk.__all__) - set(names)
        try:
            cake_sdk.NoSuchName
        except AttributeError as error:
            assert "NoSuchName" in str(error)
        else:
            raise AssertionError("cake_sdk.NoSuchName did not raise")
        """
    )


def test_calls_run_without_typing() -> None:
    """Nothing a call goes through at run time needs typing: a read, a write, a bulk and a
    report page against the embedded mock, a validation, a record's and an issue's methods."""
    out = run(
        """
        import cake_sdk
        mock = cake_sdk._core.CoreMock(None, None, 0)  # cake_sdk.testing brings pytest, and typing
        with cake_sdk.Client(base_url=mock.url, api_key=mock.api_key) as cake:
            offer = cake.create_offer(offer_name="O", advertiser_id=1, vertical_id=2,
                                      offer_url="https://example.com/?s={sub_id}", payout="1.50")
            assert str(offer.payout) == "1.50", offer
            done = cake.bulk("create_offer", [{"offer_name": "B", "advertiser_id": 1, "vertical_id": 2,
                                               "offer_url": "https://example.com/", "payout": "2"}])
            assert done[0].ok, done
            page = cake.sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-31", row_limit=5)
            reply = cake.call("list_sub_affiliates", {})
            assert reply.info.attempts == 1 and isinstance(page.rows, list)
        mock.stop()
        issue = cake_sdk.validate("create_offer", {})[0]
        assert issue.is_error and issue.field and issue._asdict()["code"] == "required", issue
        assert offer.to_dict()["offer_name"] == "O" and cake_sdk.BulkResult[cake_sdk.Offer]
        print(sorted(m for m in ("typing", "cake_sdk._types") if m in sys.modules))
        """
    )
    assert out.split("\n")[0] == "[]"


def test_types_import_typing_on_first_use() -> None:
    """``cake_sdk.CreateOfferParams`` and the other names of ``_types`` come with typing when
    first asked for, every one of them at once, and read as typing's own."""
    run(
        """
        import cake_sdk
        assert "OfferStatus" in dir(cake_sdk) and "OfferStatus" in cake_sdk.__all__
        assert "typing" not in sys.modules
        from cake_sdk import CreateOfferParams
        import typing
        assert "cake_sdk._types" in sys.modules and "Money" in vars(cake_sdk)
        assert typing.get_args(cake_sdk.OfferStatus) == ("active", "inactive", "pending")
        assert CreateOfferParams.__required_keys__ == {"offer_name", "advertiser_id", "vertical_id", "offer_url"}
        assert cake_sdk.Money == typing.Union[__import__("decimal").Decimal, int, float, str]
        assert set(cake_sdk._schema.TYPE_NAMES) == set(cake_sdk._types.__all__)
        """
    )


def _fields(path: str, typed: str, runtime: str) -> "tuple[list[str], list[str]]":
    """The fields of ``typed`` (a NamedTuple class, for the type checkers) and of the
    ``namedtuple()`` assigned to ``runtime`` in the package's module ``path``."""
    import cake_sdk

    tree = ast.parse((__import__("pathlib").Path(cake_sdk.__file__).parent / path).read_text())
    typed_fields: "list[str]" = []
    runtime_fields: "list[str]" = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == typed:
            typed_fields = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == runtime for t in node.targets):
            assert isinstance(node.value, ast.Call)
            runtime_fields = list(ast.literal_eval(node.value.args[1]))
    return typed_fields, runtime_fields


def test_the_checkers_tuples_are_the_runtime_ones() -> None:
    """``Issue`` and ``CallInfo`` are ``namedtuple()``s at run time and NamedTuples for the
    type checkers: the same fields, in the same order."""
    from cake_sdk import CallInfo, Issue

    for path, name, cls in (("records.py", "_Issue", Issue), ("reply.py", "_CallInfo", CallInfo)):
        typed, runtime = _fields(path, name, name)
        assert typed == runtime == list(cls._fields), (path, typed, runtime)


def test_logging_is_hooked_by_the_first_client() -> None:
    """The extension follows ``logging``'s levels once a client exists (``_log_levels``),
    whether the client was made or unpickled."""
    for make in (
        "cake_sdk.Client(base_url='http://127.0.0.1:9', api_key='k')",
        f"pickle.loads({pickle.dumps(AsyncClient(base_url='http://127.0.0.1:9', api_key='k'))!r})",
    ):
        run(
            f"""
            import pickle
            import cake_sdk
            assert "logging" not in sys.modules and not cake_sdk._core.log_levels_known()
            client = {make}
            import logging
            assert type(logging.getLogger()._cache).__name__ == "_LevelCache"
            assert repr(client).endswith("(base_url='http://127.0.0.1:9')"), repr(client)
            """
        )
