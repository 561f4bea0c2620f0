//! Pagination of the sub-affiliate report: pages of up to 500 rows, each page fetched once,
//! each row yielded once.

use super::{Client, Reply};
use crate::error::Error;
use crate::models::{SubAffiliateReportRequest, SubAffiliateReportRow, MAX_ROW_LIMIT};
use futures_util::{Stream, StreamExt};

/// Walks a report page by page. A failed page leaves the pager where it was, so calling
/// [`ReportPager::next_page`] again asks for the same page, not the next.
#[derive(Debug, Clone)]
pub struct ReportPager {
    client: Client,
    request: SubAffiliateReportRequest,
    next_row: u64,
    page_size: u64,
    total_rows: Option<u64>,
    pages: u32,
    done: bool,
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
        let mut request = self.request.clone();
        request.start_at_row = Some(self.next_row);
        request.row_limit = Some(self.page_size);
        let reply = self.client.sub_affiliate_report(request).await?;
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
        if rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(Reply {
            value: rows,
            warnings: reply.warnings,
            meta: reply.meta,
        }))
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
