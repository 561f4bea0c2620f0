# Stubs of the Rust extension `cake_sdk._core` (bindings-python/src). Checked against the
# built module by `python -m mypy.stubtest cake_sdk._core` in the test suite.
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union, final

__all__ = [
    "__version__",
    "CoreClient",
    "CorePager",
    "CoreMock",
    "validate",
    "money_call",
    "money_functions",
    "build_request",
    "parse_response",
    "read_response",
    "fault_kinds",
    "operations",
    "operation_fields",
    "report_columns",
    "log_levels_changed",
    "log_levels_hooked",
    "log_levels_known",
]

__version__: str

_Progress = Optional[Callable[[int, int], Any]]

@final
class CoreClient:
    def __new__(
        cls,
        base_url: Optional[str] = None,
        api_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
        user_agent: Optional[str] = None,
        allow_insecure_http: bool = False,
        max_response_bytes: Optional[float] = None,
    ) -> CoreClient: ...
    @property
    def base_url(self) -> str: ...
    @property
    def settings(self) -> Tuple[float, int, float, int]: ...
    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]: ...
    def call(
        self,
        operation: str,
        params: Mapping[str, Any],
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> Dict[str, Any]: ...
    def call_async(
        self,
        operation: str,
        params: Mapping[str, Any],
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> Awaitable[Dict[str, Any]]: ...
    def bulk(
        self,
        operation: str,
        items: Sequence[Mapping[str, Any]],
        concurrency: int = 8,
        on_progress: _Progress = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> List[Dict[str, Any]]: ...
    def bulk_async(
        self,
        operation: str,
        items: Sequence[Mapping[str, Any]],
        concurrency: int = 8,
        on_progress: _Progress = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> Awaitable[List[Dict[str, Any]]]: ...
    def report_pager(
        self,
        params: Mapping[str, Any],
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        deadline: Optional[float] = None,
        pages_ahead: Optional[int] = None,
    ) -> CorePager: ...

@final
class CorePager:
    def next_page(self) -> Optional[Dict[str, Any]]: ...
    def next_page_async(self) -> Awaitable[Optional[Dict[str, Any]]]: ...
    def next_columns(self) -> Optional[Dict[str, Any]]: ...
    def next_columns_async(self) -> Awaitable[Optional[Dict[str, Any]]]: ...
    def close(self) -> None: ...
    @property
    def total_rows(self) -> Optional[int]: ...
    @property
    def rows_fetched(self) -> int: ...
    @property
    def done(self) -> bool: ...

@final
class CoreMock:
    def __new__(cls, api_key: Optional[str] = None, seed: Optional[int] = None, port: int = 0) -> CoreMock: ...
    @property
    def url(self) -> str: ...
    @property
    def api_key(self) -> str: ...
    def reset(self) -> None: ...
    def add_fault(self, rule: Mapping[str, Any]) -> None: ...
    def clear_faults(self) -> None: ...
    def fault_stats(self) -> Any: ...
    def requests(self) -> Any: ...
    def state(self) -> Any: ...
    def seed(self, data: Mapping[str, Any]) -> Any: ...
    def stop(self) -> None: ...

def validate(operation: str, params: Mapping[str, Any]) -> List[Dict[str, str]]: ...
def money_call(function: str, args: Mapping[str, Any]) -> Any: ...
def money_functions() -> List[str]: ...
def build_request(operation: str, params: Mapping[str, Any], api_key: str) -> Dict[str, Any]: ...
def parse_response(
    operation: str, status: int, headers: Sequence[Tuple[str, str]], body: Union[bytes, str]
) -> Any: ...
def read_response(
    operation: str, status: int, headers: Sequence[Tuple[str, str]], body: Union[bytes, str]
) -> Dict[str, Any]: ...
def fault_kinds() -> List[str]: ...
def operations() -> List[str]: ...
def operation_fields(operation_id: str) -> List[Tuple[str, bool]]: ...
def report_columns() -> List[Tuple[str, str]]: ...
def log_levels_changed() -> None: ...
def log_levels_hooked() -> None: ...
def log_levels_known() -> bool: ...
