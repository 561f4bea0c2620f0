"""Logs reach the stdlib logger "cake_sdk"; the api key appears in no log line, message,
repr, traceback or anything printed, at DEBUG level, across successes, faults and errors."""

from __future__ import annotations

import asyncio
import io
import logging
import pickle
import pprint
import traceback
import warnings
from typing import Any, Iterator, List

import pytest

import cake_sdk
from cake_sdk import AsyncClient, Client
from cake_sdk.testing import MockServer

from conftest import OFFER

KEY = "k3y-Th4t/Must Not+Leak"


@pytest.fixture
def secret_mock() -> Iterator[MockServer]:
    with MockServer(api_key=KEY) as mock:
        yield mock


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger("cake_sdk")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def test_requests_are_logged_without_the_key(
    secret_mock: MockServer, debug_log: io.StringIO, capfd: pytest.CaptureFixture[str]
) -> None:
    texts: List[str] = []
    client = Client(base_url=secret_mock.url, api_key=KEY)
    texts.append(repr(client))
    client.create_affiliate(affiliate_name="A", account_manager_id=1)
    client.list_sub_affiliates(affiliate_id=67890)
    secret_mock.add_fault("*", "error_503", times=1, retry_after="0")
    client.sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-05")
    for kind in ("html", "malformed", "reset_after", "rate_limit"):
        secret_mock.clear_faults()
        secret_mock.add_fault("*", kind)
        for call in (lambda: client.list_sub_affiliates(max_retries=0), lambda: client.create_offer(**OFFER, max_retries=0)):
            try:
                call()
            except cake_sdk.CakeError as error:
                texts += [str(error), repr(error), "".join(traceback.format_exception(type(error), error, error.__traceback__))]
                texts += [str(v) for v in error.data.values()]
    secret_mock.clear_faults()
    try:
        client.create_offer(offer_name="x", api_key=KEY)  # type: ignore[call-arg]
    except TypeError as error:
        texts.append(str(error))
    results = client.bulk("create_offer", [{**OFFER, "offer_url": KEY}, OFFER])
    texts += [repr(r) for r in results]
    asyncio.run(AsyncClient(base_url=secret_mock.url, api_key=KEY).list_sub_affiliates())
    texts += [repr(r) for r in secret_mock.requests()]

    log = debug_log.getvalue()
    lines = log.splitlines()
    assert any(line.startswith("cake_sdk DEBUG GET ") and "sub_affiliates.json" in line for line in lines)
    assert any("-> 503 http_status (attempt 1" in line for line in lines)
    assert any("-> 200 ok (attempt 2" in line for line in lines)
    assert "api_key=***" in log
    printed = capfd.readouterr()
    everything = "\n".join(texts) + log + printed.out + printed.err
    for form in (KEY, "k3y-Th4t%2FMust%20Not%2BLeak", "k3y-Th4t%2FMust+Not%2BLeak"):
        assert form not in everything


def test_nothing_logged_above_debug(secret_mock: MockServer) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("cake_sdk")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        Client(base_url=secret_mock.url, api_key=KEY).list_sub_affiliates()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    assert stream.getvalue() == ""


# Every form the key could leak in: as given, percent-encoded (%20 or + for the space, upper
# and lower hex), JSON-escaped, and a distinctive fragment that survives a partial redaction.
LEAK_FORMS = (
    KEY,
    "k3y-Th4t%2FMust%20Not%2BLeak",
    "k3y-Th4t%2FMust+Not%2BLeak",
    "k3y-Th4t%2fMust%20Not%2bLeak",
    "k3y-Th4t%2fMust+Not%2bLeak",
    "k3y-Th4t\\/Must Not+Leak",
    "Th4t",
)
ALL_CODES = {"validation", "api", "rate_limited", "http_status", "timeout", "connection", "decode", "unknown_outcome"}


def _sdk_locals(error: BaseException) -> List[str]:
    """The locals of the SDK's own frames, as an error reporter that captures locals shows
    them (a repr that fails is shown as failing, as pytest --showlocals does)."""
    shown: List[str] = []
    tb = error.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if "cake_sdk" in frame.f_code.co_filename:
            for name, value in frame.f_locals.items():
                try:
                    shown.append(f"{name}={value!r}")
                except Exception as failed:  # noqa: BLE001 - shown, not hidden
                    shown.append(f"{name}=<repr raised {failed!r}>")
        tb = tb.tb_next
    return shown


@pytest.fixture
def root_debug_log() -> Iterator[io.StringIO]:
    """Everything any logger says at DEBUG, through the root logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_every_error_code_and_every_object_is_keyless(
    secret_mock: MockServer,
    mock: MockServer,
    debug_log: io.StringIO,
    root_debug_log: io.StringIO,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Each error code provoked for real (sync, async, bulk, pager), with DEBUG logging on the
    "cake_sdk" and root loggers; the str, repr, data, pickle, traceback and SDK-frame locals of
    every error, and the repr of every client, reply, record, page, pager, bulk result, warning
    and mock object, plus everything written to fd 1 and 2: the key in no form anywhere."""
    texts: List[str] = []
    codes: List[str] = []
    causes: List[str] = []
    sdk_log = logging.getLogger("cake_sdk")

    def grab(error: BaseException, frame_locals: bool = True) -> None:
        texts.extend([str(error), repr(error), "".join(traceback.format_exception(type(error), error, error.__traceback__))])
        if frame_locals:
            texts.extend(_sdk_locals(error))
        sdk_log.debug("caught", exc_info=error)  # a traceback through the logging formatter
        if isinstance(error, cake_sdk.CakeError):
            codes.append(error.code)
            if isinstance(error, cake_sdk.UnknownOutcomeError) and error.cause:
                causes.append(error.cause)
            texts.extend([pprint.pformat(error.data), repr(vars(error)), str(error.issues), str(error.messages)])
            texts.append(repr(pickle.loads(pickle.dumps(error)).data))
            texts.append(pickle.dumps(error).decode("latin-1"))

    def expect(call: Any, cls: type, frame_locals: bool = True) -> None:
        try:
            call()
        except cls as error:  # type: ignore[misc]
            grab(error, frame_locals)
        else:
            pytest.fail(f"expected {cls.__name__}")

    fault = secret_mock.add_fault
    client = Client(base_url=secret_mock.url, api_key=KEY, timeout=5)
    aclient = AsyncClient(base_url=secret_mock.url, api_key=KEY)
    texts += [repr(client), str(client), repr(client._live()), repr(aclient), repr(secret_mock), str(secret_mock)]
    seeded = secret_mock.seed({"affiliates": [{"affiliate_name": "Seed", "account_manager_id": 42}], "offers": [OFFER]})
    affiliate_id = seeded["affiliates"][0]["affiliate_id"]
    offer_id = seeded["offers"][0]["offer_id"]

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # Successes: records, replies, pages, pagers, warnings.
        offer = client.create_offer(**{**OFFER, "offer_name": "Thin", "payout": "40", "revenue": "30"})
        affiliate = client.create_affiliate(affiliate_name="A", account_manager_id=1)
        sub = client.create_sub_affiliate(affiliate_id=affiliate_id, sub_affiliate_name="s1", payout="2", payout_type="cpa")
        reply = client.call("get_affiliate_offer", {"affiliate_id": affiliate_id, "offer_id": offer_id})
        subs = client.list_sub_affiliates(affiliate_id=affiliate_id)
        page = client.sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-31", row_limit=1)
        pager = client.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-31", row_limit=1)
        rows = pager.to_list()
        texts += [repr(x) for x in (offer, affiliate, affiliate.account_manager, sub, reply, reply.info, subs, page, page.rows, pager, pager._pager, rows)]
        texts += [repr(offer.to_dict()), repr(dict(offer)), repr(reply.warnings), str(page.totals())]
        texts += [str(w.message) + repr(w.message) for w in caught]
        assert caught and all(isinstance(w.message, cake_sdk.CakeWarning) for w in caught)

    # validation: a bad request (the key as a value too), a bad setting.
    # (Where the test itself passes the key as a value, the frames' locals hold it as the
    # caller gave it, so only those calls' locals are left out.)
    expect(lambda: client.create_offer(offer_name="", advertiser_id=1, vertical_id=1, offer_url=KEY, payout=KEY), cake_sdk.ValidationError, False)
    # (The constructor's own frame holds its api_key argument: a locals-capturing reporter shows
    # any function's arguments, so its locals are not scanned; see the test below.)
    expect(lambda: Client(base_url="ftp://" + KEY, api_key=KEY), cake_sdk.ValidationError, frame_locals=False)
    expect(lambda: client.iter_sub_affiliate_report(start_date=KEY, end_date="2026-01-31"), cake_sdk.ValidationError, False)
    # api: CAKE says Failure; and this key sent to a mock that expects another one.
    expect(lambda: client.get_affiliate_offer(affiliate_id=1, offer_id=2), cake_sdk.ApiError)
    expect(lambda: Client(base_url=mock.url, api_key=KEY).list_sub_affiliates(), cake_sdk.ApiError)
    expect(lambda: client.update_offer(offer_id=99999, offer_name=KEY), cake_sdk.ApiError, False)
    # Faults on a read and on a write, no retries: each shows as itself.
    read = lambda: client.list_sub_affiliates(affiliate_id=affiliate_id, max_retries=0)  # noqa: E731
    write = lambda: client.create_offer(**OFFER, max_retries=0)  # noqa: E731
    for kind, read_error, write_error in (
        ("rate_limit", cake_sdk.RateLimitError, cake_sdk.RateLimitError),
        ("error_500", cake_sdk.HttpStatusError, cake_sdk.UnknownOutcomeError),
        ("error_503", cake_sdk.HttpStatusError, cake_sdk.UnknownOutcomeError),
        ("html", cake_sdk.HttpStatusError, cake_sdk.UnknownOutcomeError),
        ("reset_before", cake_sdk.CakeConnectionError, cake_sdk.UnknownOutcomeError),
        ("reset_after", cake_sdk.CakeConnectionError, cake_sdk.UnknownOutcomeError),
        ("malformed", cake_sdk.DecodeError, cake_sdk.UnknownOutcomeError),
    ):
        secret_mock.clear_faults()
        fault("*", kind, retry_after="0" if kind == "rate_limit" else None)
        expect(read, read_error)
        expect(write, write_error)
        expect(lambda: pager_error(client), read_error)
    secret_mock.clear_faults()
    # timeout: an attempt's timeout, the call's deadline, and a write that timed out.
    fault("*", "delay", delay_ms=800)
    expect(lambda: client.list_sub_affiliates(timeout=0.15, max_retries=0), cake_sdk.CakeTimeoutError)
    expect(lambda: client.list_sub_affiliates(deadline=0.3), cake_sdk.CakeTimeoutError)
    expect(lambda: client.create_affiliate(affiliate_name="T", account_manager_id=1, timeout=0.15), cake_sdk.UnknownOutcomeError)
    secret_mock.clear_faults()
    # connection: nothing listens.
    with MockServer(api_key=KEY) as gone:
        dead_url = gone.url
    dead = Client(base_url=dead_url, api_key=KEY, max_retries=0)
    expect(dead.list_sub_affiliates, cake_sdk.CakeConnectionError)
    expect(lambda: dead.create_offer(**OFFER), cake_sdk.CakeConnectionError)
    # A closed client is a usage error.
    closed = Client(base_url=secret_mock.url, api_key=KEY)
    closed.close()
    expect(closed.list_sub_affiliates, cake_sdk.CakeError)
    texts.append(repr(closed))

    # Async: the same through the asyncio client and its pager.
    async def async_errors() -> None:
        secret_mock.add_fault("*", "error_500")
        for coro in (
            lambda: aclient.list_sub_affiliates(max_retries=0),
            lambda: aclient.create_offer(**OFFER),
            lambda: aclient.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-02", max_retries=0).to_list(),
        ):
            try:
                await coro()
            except cake_sdk.CakeError as error:
                grab(error)
        secret_mock.clear_faults()
        try:
            await aclient.create_offer(offer_name=KEY, advertiser_id=0, vertical_id=0, offer_url=KEY)
        except cake_sdk.ValidationError as error:
            grab(error, frame_locals=False)
        apager = aclient.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-31", row_limit=1)
        texts.extend([repr(apager), repr(apager._pager), repr(await apager.to_list())])

    asyncio.run(async_errors())

    # bulk: ok, invalid (the key as a value), failed and unknown_outcome results, with their errors.
    secret_mock.add_fault("create_offer", "reset_after", times=1)
    results = client.bulk(
        "create_offer",
        [{**OFFER, "offer_name": "b1"}, {**OFFER, "offer_url": KEY}, {**OFFER, "offer_name": "b3"}],
        concurrency=1,
    )
    failed = client.bulk("update_offer", [{"offer_id": 99999, "payout": 1}])
    statuses = [r.status for r in results + failed]
    assert statuses == ["unknown_outcome", "invalid", "ok", "failed"]
    for result in results + failed:
        texts.append(repr(result))
        texts.append(repr(result.issues) + repr(result.warnings))
        if result.error is not None:
            grab(result.error)
    secret_mock.clear_faults()
    texts += [repr(secret_mock.requests()), repr(secret_mock.state()), repr(secret_mock.fault_stats())]

    log = debug_log.getvalue()
    printed = capfd.readouterr()
    assert set(codes) >= ALL_CODES, f"not provoked: {ALL_CODES - set(codes)}"
    assert {"usage"} <= set(codes)
    assert set(causes) == {"http_status", "connection", "decode", "timeout"}, causes
    assert len(log.splitlines()) > 50 and "api_key=***" in log and "Traceback" in log
    everything = "\n".join(texts) + log + root_debug_log.getvalue() + printed.out + printed.err
    with capfd.disabled():
        print(
            f"\npython leak scan: codes {sorted(set(codes))}, unknown_outcome causes {sorted(set(causes))}; "
            f"{len(texts)} texts (str/repr/data/pickle/traceback/locals), {len(log.splitlines())} cake_sdk log lines, "
            f"{len(root_debug_log.getvalue().splitlines())} root log lines, {len(printed.out) + len(printed.err)} chars on fd 1/2; "
            f"{len(everything)} chars scanned for {len(LEAK_FORMS)} forms of the key"
        )
    for form in LEAK_FORMS:
        assert form not in everything, f"{form!r} leaked: ...{everything[max(0, everything.find(form) - 200):everything.find(form) + 50]}"


def pager_error(client: Client) -> Any:
    return client.iter_sub_affiliate_report(start_date="2026-01-01", end_date="2026-01-02", max_retries=0).to_list()


def test_a_client_whose_settings_were_refused_can_be_repred() -> None:
    """Error reporters repr every local of every frame (traceback's capture_locals, Sentry,
    pytest --showlocals). The frame of a refused ``Client(...)`` holds the half-built client as
    ``self``: its repr must work (and not show the key) rather than raise AttributeError, which
    makes ``TracebackException(capture_locals=True)`` itself fail on Python 3.11."""
    for cls in (Client, AsyncClient):
        with pytest.raises(cake_sdk.ValidationError) as raised:
            cls(base_url="ftp://example.com", api_key=KEY)
        captured = traceback.TracebackException.from_exception(raised.value, capture_locals=True)
        (frame,) = [f for f in captured.stack if f.name == "__init__" and "cake_sdk" in f.filename]
        assert frame.locals is not None and cls.__name__ in frame.locals["self"]
        assert KEY not in frame.locals["self"]


# ---- levels kept on the Rust side: records below the level never reach Python -----------


@pytest.fixture
def sdk_logger() -> Iterator[logging.Logger]:
    """The "cake_sdk" logger with a capturing handler, restored afterwards (levels too)."""
    logger = logging.getLogger("cake_sdk")
    root = logging.getLogger()
    saved = (logger.level, root.level, logging.root.manager.disable)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.stream = stream  # type: ignore[attr-defined]
    try:
        yield logger
    finally:
        logger.removeHandler(handler)
        del logger.stream  # type: ignore[attr-defined]
        logger.setLevel(saved[0])
        root.setLevel(saved[1])
        logging.disable(saved[2])


def _lines(logger: logging.Logger) -> List[str]:
    return [line for line in logger.stream.getvalue().splitlines() if "affiliate_offer.json" in line]  # type: ignore[attr-defined]


def _read(client: Client, times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(cake_sdk.ApiError):
            client.get_affiliate_offer(affiliate_id=1, offer_id=2)


def test_debug_enabled_after_the_client_was_made_is_logged(mock: MockServer, sdk_logger: logging.Logger) -> None:
    sdk_logger.setLevel(logging.NOTSET)
    client = Client(base_url=mock.url, api_key=mock.api_key)
    _read(client)
    assert _lines(sdk_logger) == []  # root is at WARNING: nothing at DEBUG
    sdk_logger.setLevel(logging.DEBUG)
    _read(client)
    assert len(_lines(sdk_logger)) == 1 and _lines(sdk_logger)[0].startswith("DEBUG GET ")
    sdk_logger.setLevel(logging.INFO)
    _read(client)
    assert len(_lines(sdk_logger)) == 1


def test_async_calls_log_once_enabled(mock: MockServer, sdk_logger: logging.Logger) -> None:
    sdk_logger.setLevel(logging.WARNING)
    aclient = AsyncClient(base_url=mock.url, api_key=mock.api_key)

    async def read(n: int) -> None:
        for _ in range(n):
            with pytest.raises(cake_sdk.ApiError):
                await aclient.get_affiliate_offer(affiliate_id=1, offer_id=2)

    asyncio.run(read(2))
    assert _lines(sdk_logger) == []
    sdk_logger.setLevel(logging.DEBUG)
    asyncio.run(read(3))
    assert len(_lines(sdk_logger)) == 3


def test_root_level_and_logging_disable_are_followed(mock: MockServer, sdk_logger: logging.Logger) -> None:
    client = Client(base_url=mock.url, api_key=mock.api_key)
    sdk_logger.setLevel(logging.NOTSET)
    logging.getLogger().setLevel(logging.DEBUG)  # "cake_sdk" inherits DEBUG from the root
    _read(client)
    assert len(_lines(sdk_logger)) == 1
    logging.disable(logging.DEBUG)
    _read(client, 2)
    assert len(_lines(sdk_logger)) == 1
    logging.disable(logging.NOTSET)
    _read(client)
    assert len(_lines(sdk_logger)) == 2
    logging.getLogger().setLevel(logging.WARNING)
    _read(client)
    assert len(_lines(sdk_logger)) == 2


def test_records_below_the_level_do_not_ask_python(mock: MockServer, sdk_logger: logging.Logger) -> None:
    """With DEBUG off, the extension drops its records itself: the logger is not consulted
    per attempt (before, every attempt took the GIL to ask it)."""
    sdk_logger.setLevel(logging.INFO)
    client = Client(base_url=mock.url, api_key=mock.api_key)
    _read(client)  # the levels are read once after a change
    asked: List[int] = []
    original = sdk_logger.isEnabledFor

    def counting(level: int) -> bool:
        asked.append(level)
        return original(level)

    sdk_logger.isEnabledFor = counting  # type: ignore[method-assign]
    try:
        assert cake_sdk._core.log_levels_known()
        _read(client, 5)
        assert asked == []
        sdk_logger.setLevel(logging.DEBUG)
        assert not cake_sdk._core.log_levels_known()
        _read(client, 2)
        assert asked and set(asked) == {logging.DEBUG} and len(_lines(sdk_logger)) == 2
    finally:
        del sdk_logger.isEnabledFor


def test_a_disabled_logger_stays_silent(mock: MockServer, sdk_logger: logging.Logger) -> None:
    """`Logger.disabled` (what dictConfig sets on existing loggers) changes no level cache:
    it is checked per record."""
    client = Client(base_url=mock.url, api_key=mock.api_key)
    sdk_logger.setLevel(logging.DEBUG)
    sdk_logger.disabled = True
    try:
        _read(client)
        assert _lines(sdk_logger) == []
    finally:
        sdk_logger.disabled = False
    _read(client)
    assert len(_lines(sdk_logger)) == 1
