package serve

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

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

// authorized reports whether r may write, having answered it when not:
// 403 when the server takes no writes, 401 without the bearer token.
func (s *server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.opt.Token == "" {
		s.fail(w, r, http.StatusForbidden, errors.New("writes are disabled: start durand serve with --token (or DURAND_TOKEN)"))
		return false
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(tok), []byte(s.opt.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="durand"`)
		s.fail(w, r, http.StatusUnauthorized, errors.New("a valid bearer token is needed"))
		return false
	}
	return true
}
