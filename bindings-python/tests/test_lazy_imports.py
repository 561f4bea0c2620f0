"""`import cake_sdk` stays cheap: asyncio (with ssl, socket, subprocess, inspect...) comes in
with the first use of AsyncClient, and logging with the first client, each in a fresh
interpreter (this one has imported everything already). How fast the import is, is measured
by the benchmarks (bench/python/bench_footprint.py), not here."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

from cake_sdk import AsyncClient

# Imported by AsyncClient (or by a client), never by `import cake_sdk` itself.
LAZY = ("asyncio", "ssl", "socket", "subprocess", "inspect", "concurrent.futures", "logging", "cake_sdk.aio", "cake_sdk._log_levels")


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
