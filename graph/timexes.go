package graph

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/chronograph/chronograph/extract"
)

// WalkTimexes calls fn with every stored document, in document id order,
// and the time expressions extraction found in it (nil for documents
// stored without them). The timeline package counts them as mentions of
// dates. An error from fn stops the walk and is returned as is.
func (s *Store) WalkTimexes(fn func(doc extract.Document, timexes []extract.Timex) error) error {
	var fnErr error
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(txn, prefixDoc, func(_, v []byte) error {
			var rec docRecord
			if err := decode(v, &rec); err != nil {
				return err
			}
			if err := fn(rec.Doc, rec.Timexes); err != nil {
				fnErr = err
				return err
			}
			return nil
		})
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("graph: timexes: %w", err)
	}
	return nil
}
