package serve

import (
	"errors"
	"net/http"

	"github.com/durandhq/durand/store"
)

// unmerge splits a merged event back into its reports' events, which the
// store keeps apart from then on. Like every write it needs the bearer
// token.
func (s *server) unmerge(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	id := r.PathValue("id")
	members, err := s.st.Unmerge(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, err)
		return
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"unmerged": id, "members": members})
}
