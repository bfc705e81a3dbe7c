package main

import (
	"bytes"
	"crypto/sha512"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/nats-io/jwt/v2"
)

// referenceID is the jti as ClaimsData.hash computes it: SHA-512/256 over the JSON of the claims data with an
// empty ID, base32 without padding.
func referenceID(cd jwt.ClaimsData) string {
	cd.ID = ""
	j, err := json.Marshal(cd)
	if err != nil {
		return "error: " + err.Error()
	}
	sum := sha512.Sum512_256(j)
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:])
}

func accountFacts(f map[string]interface{}, a *jwt.AccountClaims) {
	f["js_enabled"] = a.Limits.IsJSEnabled()
	f["limits_unlimited"] = a.Limits.IsUnlimited()
	exports := map[string]interface{}{}
	for _, e := range a.Exports {
		kind := ""
		switch {
		case e.IsSingleResponse():
			kind = "singleton"
		case e.IsStreamResponse():
			kind = "stream"
		case e.IsChunkedResponse():
			kind = "chunked"
		}
		sampling := -1
		if e.Latency != nil {
			sampling = int(e.Latency.Sampling)
		}
		exports[string(e.Subject)] = map[string]interface{}{
			"type":                  e.Type.String(),
			"response_kind":         kind,
			"response_threshold_ns": e.ResponseThreshold.Nanoseconds(),
			"latency_sampling":      sampling,
		}
	}
	f["exports"] = exports
	scopes := map[string]interface{}{}
	for k, s := range a.SigningKeys {
		if us, ok := s.(*jwt.UserScope); ok {
			tf := map[string]interface{}{"role": us.Role}
			userFacts(tf, &us.Template)
			scopes[k] = tf
		}
	}
	f["scopes"] = scopes
	weights := map[string][]int{}
	for from, to := range a.Mappings {
		for _, m := range to {
			weights[string(from)] = append(weights[string(from)], int(m.GetWeight()))
		}
	}
	f["mapping_weights"] = weights
	f["default_permissions"] = permissionFacts(&a.DefaultPermissions)
}

func userFacts(f map[string]interface{}, u *jwt.UserPermissionLimits) {
	for k, v := range permissionFacts(&u.Permissions) {
		f[k] = v
	}
	f["bearer"] = u.BearerToken
	f["limits_unlimited"] = u.Limits.IsUnlimited()
}

func permissionFacts(p *jwt.Permissions) map[string]interface{} {
	f := map[string]interface{}{}
	if p.Resp != nil {
		f["resp_max"] = p.Resp.MaxMsgs
		f["resp_ttl_ns"] = p.Resp.Expires.Nanoseconds()
	}
	return f
}

// sortSigningKeys replaces the marshaled signing_keys array (written in Go map order, which is random) by the
// same elements, each marshaled by encoding/json, in key order.
func sortSigningKeys(m []byte, sk jwt.SigningKeys) ([]byte, error) {
	if len(sk) == 0 {
		return m, nil
	}
	const field = `"signing_keys":[`
	start := bytes.Index(m, []byte(field))
	if start < 0 || bytes.Count(m, []byte(field)) != 1 {
		return nil, fmt.Errorf("expected exactly one signing_keys array in %s", m)
	}
	open := start + len(field) - 1
	end, err := matchingBracket(m, open)
	if err != nil {
		return nil, err
	}
	keys := sk.Keys()
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		var e []byte
		if s := sk[k]; s != nil {
			e, err = json.Marshal(s)
		} else {
			e, err = json.Marshal(k)
		}
		if err != nil {
			return nil, err
		}
		parts = append(parts, string(e))
	}
	var original []json.RawMessage
	if err := json.Unmarshal(m[open:end+1], &original); err != nil {
		return nil, err
	}
	got := make([]string, 0, len(original))
	for _, o := range original {
		got = append(got, string(o))
	}
	sort.Strings(got)
	want := append([]string(nil), parts...)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		return nil, fmt.Errorf("re-marshaled signing keys differ from the marshaled ones:\n%v\n%v", got, want)
	}
	out := append([]byte(nil), m[:open]...)
	out = append(out, '[')
	out = append(out, strings.Join(parts, ",")...)
	out = append(out, ']')
	return append(out, m[end+1:]...), nil
}

// matchingBracket finds the ']' closing the '[' at open, skipping strings.
func matchingBracket(m []byte, open int) (int, error) {
	depth, inString, escaped := 0, false, false
	for i := open; i < len(m); i++ {
		c := m[i]
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString && c == '"':
			inString = false
		case inString:
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return i, nil
			}
		}
	}
	return 0, fmt.Errorf("unbalanced signing_keys array")
}
