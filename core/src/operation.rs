//! The eight operations: one stable snake_case id each, used by validation, vectors, mock and
//! errors. Their ids, methods and paths are in the API's description (`schema`), with the rest
//! of what the reference says about each.

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
