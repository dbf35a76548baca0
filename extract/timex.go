package extract

// TagTimes finds TIMEX3 time expressions in the given sentences of text and
// normalises them against the publication date published (YYYY-MM-DD, or ""
// when unknown). Spans are byte offsets into text.
func TagTimes(text string, sents []Span, published string) []Timex {
	return nil
}
