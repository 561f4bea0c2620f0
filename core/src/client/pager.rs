//! Pagination of the sub-affiliate report: pages of up to 500 rows, each row yielded once, in
//! order. Once the first page has told the total, the next pages are fetched ahead, several at
//! a time, while the caller works through the current one.
//!
//! Real servers cap page sizes below what is asked, leave `total_rows` out, or misstate it,
//! so the pager never ends on a short page alone (design principle 13):
//! - each page starts where the rows received so far end (`start_at_row` advances by rows
//!   received, not by the size asked);
//! - a page shorter than asked, before the end, tells the server's cap: later pages (and
//!   those fetched ahead) ask for that many;
//! - the report ends on an empty page, or on a short page that reaches the announced total.
//!   A full page that reaches it is checked with one more request, and with no total the
//!   empty page is that request: at most one request more than the rows need;
//! - if the rows received and the announced total disagree at the end, the last page carries
//!   a `total_rows_mismatch` warning (an empty page with only that warning, if need be).

use super::ahead::Ahead;
use super::{Client, Reply};
use crate::error::Error;
use crate::models::{
    SubAffiliateReport, SubAffiliateReportRequest, SubAffiliateReportRow, MAX_ROW_LIMIT,
};
use crate::validate::{code, Issue};
use futures_util::{Stream, StreamExt};
use std::collections::VecDeque;

/// Pages fetched ahead by default (started before the caller asks for them, at most this many
/// at once). A report read one page after another spends most of its time waiting on the
/// server; four requests overlap that wait without flooding a server that rate-limits.
pub const DEFAULT_PAGES_AHEAD: usize = 4;
/// Upper bound for [`ReportPager::pages_ahead`].
pub const MAX_PAGES_AHEAD: usize = 16;

type PageResult = Result<Reply<SubAffiliateReport>, Error>;

/// Walks a report page by page. A failed page leaves the pager where it was, so calling
/// [`ReportPager::next_page`] again asks for the same page, not the next (pages fetched ahead of
/// it are then dropped and asked again later: reads, so nothing is duplicated).
///
/// A clone starts at the same row with nothing fetched ahead.
#[derive(Debug)]
pub struct ReportPager {
    client: Client,
    request: SubAffiliateReportRequest,
    next_row: u64,
    page_size: u64,
    total_rows: Option<u64>,
    pages: u32,
    done: bool,
    pages_ahead: usize,
    /// The last page came back short before the end: nothing is fetched ahead until a full
    /// page shows the short one was a cap and not the end.
    probing: bool,
    /// Rows arrived past `total_rows`: it is not used to end the report or fetch ahead.
    total_wrong: bool,
    /// The warnings of the caller's request (an unknown parameter, say), handed out with the
    /// first page.
    request_warnings: Vec<Issue>,
    /// Pages started ahead, in order: first row, rows asked, the fetch.
    ahead: VecDeque<(u64, u64, Ahead<PageResult>)>,
}

impl Clone for ReportPager {
    fn clone(&self) -> Self {
        ReportPager {
            client: self.client.clone(),
            request: self.request.clone(),
            next_row: self.next_row,
            page_size: self.page_size,
            total_rows: self.total_rows,
            pages: self.pages,
            done: self.done,
            pages_ahead: self.pages_ahead,
            probing: self.probing,
            total_wrong: self.total_wrong,
            request_warnings: self.request_warnings.clone(),
            ahead: VecDeque::new(),
        }
    }
}

/// First rows of the pages to start now so that `limit` pages are fetched ahead: after the last
/// one started (or from `next_row`), below `total`.
fn pages_to_start(
    next_row: u64,
    last_started: Option<u64>,
    page_size: u64,
    total: u64,
    limit: usize,
    started: usize,
) -> Vec<u64> {
    let mut start = last_started.map_or(next_row, |last| last.saturating_add(page_size));
    let mut starts = Vec::new();
    while started + starts.len() < limit && start < total {
        starts.push(start);
        start = start.saturating_add(page_size);
    }
    starts
}

impl ReportPager {
    pub(crate) fn new(client: Client, request: SubAffiliateReportRequest) -> Self {
        let page_size = request
            .row_limit
            .unwrap_or(MAX_ROW_LIMIT)
            .clamp(1, MAX_ROW_LIMIT);
        let next_row = request.effective_start_at_row();
        ReportPager {
            client,
            request,
            next_row,
            page_size,
            total_rows: None,
            pages: 0,
            done: false,
            pages_ahead: DEFAULT_PAGES_AHEAD,
            probing: false,
            total_wrong: false,
            request_warnings: Vec::new(),
            ahead: VecDeque::new(),
        }
    }

    /// How many pages may be fetched ahead of the caller (0 to 16; 0 fetches each page when it
    /// is asked for). Fetching ahead needs a tokio runtime; under wasm pages are fetched on demand.
    pub fn pages_ahead(mut self, pages: usize) -> Self {
        self.pages_ahead = pages.min(MAX_PAGES_AHEAD);
        self
    }

    /// [`ReportPager::pages_ahead`] from a number as a binding receives it: a whole number from
    /// 0 to 16, else a validation error naming `pages_ahead`.
    pub fn pages_ahead_from(self, pages: f64) -> Result<Self, Error> {
        let limit = MAX_PAGES_AHEAD as f64;
        if pages.is_finite() && pages.fract() == 0.0 && (0.0..=limit).contains(&pages) {
            Ok(self.pages_ahead(pages as usize))
        } else {
            Err(Error::validation(vec![Issue::error(
                "pages_ahead",
                code::OUT_OF_RANGE,
                format!("must be a whole number from 0 to {MAX_PAGES_AHEAD}"),
            )]))
        }
    }

    /// The warnings of the request the pager was made from, given with the first page.
    pub(crate) fn with_request_warnings(mut self, warnings: Vec<Issue>) -> Self {
        self.request_warnings = warnings;
        self
    }

    /// The same position in the same report, fetched through another client (e.g. one made
    /// after `fork()`, whose runtime and connections are the child's own).
    pub fn with_client(mut self, client: Client) -> Self {
        self.client = client;
        self
    }

    /// The same position in the same report, with its client rebuilt ([`Client::fresh`]).
    pub fn fresh(&self) -> Result<Self, Error> {
        Ok(self.clone().with_client(self.client.fresh()?))
    }

    /// The total the server announced, once a page has said it.
    pub fn total_rows(&self) -> Option<u64> {
        self.total_rows
    }

    /// Rows the server has sent so far (those left out as unreadable included).
    pub fn rows_fetched(&self) -> u64 {
        self.next_row
            .saturating_sub(self.request.effective_start_at_row())
    }

    pub fn pages_fetched(&self) -> u32 {
        self.pages
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The next page's rows with its warnings, or `None` when the report is exhausted (see the
    /// module docs for when that is). A page may hold no rows when it only carries the
    /// `total_rows_mismatch` warning.
    pub async fn next_page(&mut self) -> Result<Option<Reply<Vec<SubAffiliateReportRow>>>, Error> {
        if self.done {
            return Ok(None);
        }
        let (reply, asked) = match self.take_ahead().await {
            Some(fetched) => fetched,
            None => (
                fetch(self.client.clone(), self.page_request(self.next_row)).await,
                self.page_size,
            ),
        };
        let reply = match reply {
            Ok(reply) => reply,
            Err(error) => {
                self.ahead.clear();
                return Err(error);
            }
        };
        self.pages += 1;
        let mut rows = reply.value.rows;
        self.total_rows = reply.value.total_rows.or(self.total_rows);
        // A server that sends more than asked must not make the next page overlap this one.
        // Rows left out (not objects) took their places too.
        let left_out = reply.value.left_out.min(asked);
        rows.truncate(usize::try_from(asked - left_out).unwrap_or(usize::MAX));
        let received = rows.len() as u64 + left_out;
        self.next_row += received;
        // Rows past the announced total prove it wrong: from then on only an empty page ends.
        if self.total_rows.is_some_and(|total| self.next_row > total) {
            self.total_wrong = true;
        }
        let reached_total = self.trusted_total() == Some(self.next_row);
        if received == 0 || (received < asked && reached_total) {
            self.done = true;
        } else if received < asked {
            // Short before the end: the server's cap on a page, or the real end of a report
            // whose total is wrong. Pages started ahead at the old size would not line up, and
            // none are started until a full page at the new size tells which it was.
            self.page_size = received;
            self.ahead.clear();
            self.probing = true;
        } else {
            self.probing = false;
        }
        let mut warnings = std::mem::take(&mut self.request_warnings);
        warnings.extend(reply.warnings);
        if self.done {
            self.ahead.clear();
            warnings.extend(self.mismatch());
        } else {
            self.start_ahead();
        }
        if rows.is_empty() && warnings.is_empty() {
            return Ok(None);
        }
        Ok(Some(Reply {
            value: rows,
            warnings,
            meta: reply.meta,
        }))
    }

    /// The announced total, unless rows past it have shown it wrong.
    fn trusted_total(&self) -> Option<u64> {
        self.total_rows.filter(|_| !self.total_wrong)
    }

    /// The warning for a report that ended with other than the announced number of rows.
    fn mismatch(&self) -> Option<Issue> {
        let total = self.total_rows?;
        let start = self.request.effective_start_at_row();
        let expected = total.saturating_sub(start);
        let received = self.rows_fetched();
        (received != expected).then(|| {
            Issue::warning(
                "total_rows",
                code::TOTAL_ROWS_MISMATCH,
                format!(
                    "the server announced {total} rows but sent {received} from row {start}; \
                     every row it sent was read"
                ),
            )
        })
    }

    /// Drops the pages fetched ahead, aborting their requests (for a reader that stops early
    /// but keeps the pager); later pages are fetched when asked for, and ahead again after.
    pub fn stop_ahead(&mut self) {
        self.ahead.clear();
    }

    fn page_request(&self, start: u64) -> SubAffiliateReportRequest {
        let mut request = self.request.clone();
        request.start_at_row = Some(start);
        request.row_limit = Some(self.page_size);
        request
    }

    /// The page at `next_row`, with the rows it asked for, if it was started ahead and
    /// finished; anything ahead that does not line up (a page came back short) is dropped and
    /// fetched in order instead.
    async fn take_ahead(&mut self) -> Option<(PageResult, u64)> {
        if self
            .ahead
            .front()
            .is_some_and(|(start, _, _)| *start != self.next_row)
        {
            self.ahead.clear();
        }
        let (_, asked, page) = self.ahead.pop_front()?;
        Some((page.finish().await?, asked))
    }

    /// Starts the pages after `next_row`, known to exist from the total, up to the limit.
    fn start_ahead(&mut self) {
        let Some(total) = self.trusted_total().filter(|_| !self.probing) else {
            return;
        };
        let last = self.ahead.back().map(|(start, _, _)| *start);
        let starts = pages_to_start(
            self.next_row,
            last,
            self.page_size,
            total,
            self.pages_ahead,
            self.ahead.len(),
        );
        for start in starts {
            let work = fetch(self.client.clone(), self.page_request(start));
            match Ahead::start(work) {
                Some(page) => self.ahead.push_back((start, self.page_size, page)),
                None => return,
            }
        }
    }

    /// Every remaining row, in order.
    pub async fn collect_all(mut self) -> Result<Vec<SubAffiliateReportRow>, Error> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await? {
            all.extend(page.value);
        }
        Ok(all)
    }

    /// The rows as a stream; it ends after the last row or after the first error.
    pub fn into_rows(self) -> impl Stream<Item = Result<SubAffiliateReportRow, Error>> {
        futures_util::stream::unfold(Some(self), |pager| async move {
            let mut pager = pager?;
            match pager.next_page().await {
                Ok(Some(page)) => Some((Ok(page.value), Some(pager))),
                Ok(None) => None,
                Err(error) => Some((Err(error), None)),
            }
        })
        .flat_map(|page| match page {
            Ok(rows) => futures_util::stream::iter(rows.into_iter().map(Ok).collect::<Vec<_>>()),
            Err(error) => futures_util::stream::iter(vec![Err(error)]),
        })
    }
}

async fn fetch(client: Client, request: SubAffiliateReportRequest) -> PageResult {
    client.sub_affiliate_report(request).await
}

#[cfg(test)]
mod tests {
    use super::pages_to_start;

    #[test]
    fn pages_ahead_fill_up_to_the_limit_within_the_total() {
        // After the first 500 of 3,000 rows, four ahead: 500 to 2000.
        assert_eq!(
            pages_to_start(500, None, 500, 3_000, 4, 0),
            [500, 1000, 1500, 2000]
        );
        // Three still ahead (1000 to 2000): one more, after the last started.
        assert_eq!(pages_to_start(1000, Some(2000), 500, 3_000, 4, 3), [2500]);
        // The total stops it: nothing starts at or past row 1,234.
        assert_eq!(pages_to_start(500, None, 500, 1_234, 4, 0), [500, 1000]);
        assert!(pages_to_start(1000, Some(1000), 500, 1_234, 4, 1).is_empty());
        // None ahead: each page when it is asked for.
        assert!(pages_to_start(500, None, 500, 3_000, 0, 0).is_empty());
    }
}
