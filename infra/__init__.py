"""The ground floor: shared mechanics that know no domain (queueing on commit, the client's
address, rate limits, refusals, email backends). Nothing here imports a project app."""
