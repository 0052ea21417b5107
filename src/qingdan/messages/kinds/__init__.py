"""The messages of each record kind's checks, one module per kind named after its report key (`power`,
`community_tasks` …), each with its `ZH` and `EN` catalogue. Every module here is merged into the catalogues."""
