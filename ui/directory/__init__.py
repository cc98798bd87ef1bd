"""The offline resource directory: the picker that fills a report's referral and makes the
person's handout."""
