//! The eight operations: one stable snake_case id each, used by validation, vectors, mock and errors.

use std::fmt;

/// HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One CAKE endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operation {
    CreateAffiliate,
    UpdateAffiliate,
    GetAffiliateOffer,
    CreateOffer,
    UpdateOffer,
    ListSubAffiliates,
    CreateSubAffiliate,
    SubAffiliateReport,
}

impl Operation {
    pub const ALL: [Operation; 8] = [
        Operation::CreateAffiliate,
        Operation::UpdateAffiliate,
        Operation::GetAffiliateOffer,
        Operation::CreateOffer,
        Operation::UpdateOffer,
        Operation::ListSubAffiliates,
        Operation::CreateSubAffiliate,
        Operation::SubAffiliateReport,
    ];

    /// The stable snake_case id (`create_offer`).
    pub fn id(self) -> &'static str {
        match self {
            Operation::CreateAffiliate => "create_affiliate",
            Operation::UpdateAffiliate => "update_affiliate",
            Operation::GetAffiliateOffer => "get_affiliate_offer",
            Operation::CreateOffer => "create_offer",
            Operation::UpdateOffer => "update_offer",
            Operation::ListSubAffiliates => "list_sub_affiliates",
            Operation::CreateSubAffiliate => "create_sub_affiliate",
            Operation::SubAffiliateReport => "sub_affiliate_report",
        }
    }

    /// Looks an operation up by its id; `None` for anything else.
    pub fn from_id(id: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|op| op.id() == id)
    }

    pub fn method(self) -> Method {
        match self {
            Operation::GetAffiliateOffer
            | Operation::ListSubAffiliates
            | Operation::SubAffiliateReport => Method::Get,
            _ => Method::Post,
        }
    }

    /// The path under the instance's base URL, as the reference gives it.
    pub fn path(self) -> &'static str {
        match self {
            Operation::CreateAffiliate => "/api/2/affiliate.json",
            Operation::UpdateAffiliate => "/api/2/update_affiliate.json",
            Operation::GetAffiliateOffer => "/api/2/affiliate_offer.json",
            Operation::CreateOffer => "/api/2/offer.json",
            Operation::UpdateOffer => "/api/2/update_offer.json",
            Operation::ListSubAffiliates => "/api/2/sub_affiliates.json",
            Operation::CreateSubAffiliate => "/api/2/sub_affiliate.json",
            Operation::SubAffiliateReport => "/api/2/report/sub_affiliate.json",
        }
    }

    /// Finds the operation served at `path` (the mock routes with this).
    pub fn from_path(path: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|op| op.path() == path)
    }

    /// A write changes server state, so it is never retried blindly.
    pub fn is_write(self) -> bool {
        self.method() == Method::Post
    }

    /// The operations `bulk` accepts: the three creates and the two updates.
    pub fn is_bulk_capable(self) -> bool {
        self.is_write()
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_paths_round_trip() {
        for op in Operation::ALL {
            assert_eq!(Operation::from_id(op.id()), Some(op));
            assert_eq!(Operation::from_path(op.path()), Some(op));
        }
        assert_eq!(Operation::from_id("delete_everything"), None);
    }

    #[test]
    fn gets_are_reads() {
        let reads: Vec<_> = Operation::ALL
            .into_iter()
            .filter(|op| !op.is_write())
            .collect();
        assert_eq!(
            reads,
            [
                Operation::GetAffiliateOffer,
                Operation::ListSubAffiliates,
                Operation::SubAffiliateReport
            ]
        );
    }
}
