"""Measuring the checks: on real answers (training_data/real, split by source) and on the
written test split (training_data/sentences and answers).  Needs a checkout: the data is
not shipped in the wheel."""
