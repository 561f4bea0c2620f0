//! Pagination of the sub-affiliate report: pages of up to 500 rows, each row yielded once, in
//! order. Once the first page has told the total, the next pages are fetched ahead, several at
//! a time, while the caller works through the current one.

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
    /// Pages started ahead, by first row, in order; the front one starts at `next_row`.
    ahead: VecDeque<(u64, Ahead<PageResult>)>,
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

    /// Rows handed out so far.
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

    /// The next page's rows, or `None` when the report is exhausted. Stops after a short or
    /// empty page, or at `total_rows`.
    pub async fn next_page(&mut self) -> Result<Option<Reply<Vec<SubAffiliateReportRow>>>, Error> {
        if self.done {
            return Ok(None);
        }
        let reply = match self.take_ahead().await {
            Some(reply) => reply,
            None => fetch(self.client.clone(), self.page_request(self.next_row)).await,
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
        let short = (rows.len() as u64) < self.page_size;
        // A server that sends more than asked must not make the next page overlap this one.
        rows.truncate(usize::try_from(self.page_size).unwrap_or(usize::MAX));
        if let Some(total) = self.total_rows {
            rows.truncate(
                usize::try_from(total.saturating_sub(self.next_row)).unwrap_or(usize::MAX),
            );
        }
        self.next_row += rows.len() as u64;
        self.done =
            rows.is_empty() || short || self.total_rows.is_some_and(|total| self.next_row >= total);
        if self.done {
            self.ahead.clear();
        } else {
            self.start_ahead();
        }
        if rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(Reply {
            value: rows,
            warnings: reply.warnings,
            meta: reply.meta,
        }))
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

    /// The page at `next_row` if it was started ahead and finished; anything ahead that does
    /// not line up (the server's total changed) is dropped and fetched in order instead.
    async fn take_ahead(&mut self) -> Option<PageResult> {
        if self
            .ahead
            .front()
            .is_some_and(|(start, _)| *start != self.next_row)
        {
            self.ahead.clear();
        }
        let (_, page) = self.ahead.pop_front()?;
        page.finish().await
    }

    /// Starts the pages after `next_row`, known to exist from the total, up to the limit.
    fn start_ahead(&mut self) {
        let Some(total) = self.total_rows else {
            return;
        };
        let last = self.ahead.back().map(|(start, _)| *start);
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
                Some(page) => self.ahead.push_back((start, page)),
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
