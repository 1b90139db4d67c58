"""The sentence classifier: features shared by training and inference, a numpy-only
runtime for the lint path, and scikit-learn training and evaluation."""
