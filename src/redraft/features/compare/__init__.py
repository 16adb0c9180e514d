"""Compare any two versions of a component: code and stories diffs, input changes, props API."""
