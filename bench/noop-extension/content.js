// The bench's noise floor: injected like SEA Kit's content script, does nothing.
