// Command validatecheck reports the reference library's verdict (jwt v2 Decode and Validate) on claims, for the
// differential tests of nats-sandbox: given tokens or raw claim JSON on stdin, it writes, per case, the decode
// error (if any) and the blocking validation errors.
//
// Request:  {"cases": [{"id": "...", "jwt": "..."} | {"id": "...", "kind": "account|user|operator", "claims": {...}}]}
// Response: {"results": [{"id": "...", "decode_error": "...", "errors": [...], "time_checks": [...]}]}
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/nats-io/jwt/v2"
)

type testCase struct {
	ID     string          `json:"id"`
	JWT    string          `json:"jwt,omitempty"`
	Kind   string          `json:"kind,omitempty"`
	Claims json.RawMessage `json:"claims,omitempty"`
}

type result struct {
	ID          string   `json:"id"`
	DecodeError string   `json:"decode_error,omitempty"`
	Errors      []string `json:"errors"`
	TimeChecks  []string `json:"time_checks"`
}

func main() {
	var req struct {
		Cases []testCase `json:"cases"`
	}
	in, err := io.ReadAll(os.Stdin)
	if err == nil {
		err = json.Unmarshal(in, &req)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "validatecheck: cannot read the request:", err)
		os.Exit(2)
	}
	out := struct {
		Results []result `json:"results"`
	}{Results: make([]result, 0, len(req.Cases))}
	for _, c := range req.Cases {
		out.Results = append(out.Results, check(c))
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "validatecheck: cannot write the response:", err)
		os.Exit(2)
	}
}

func check(c testCase) result {
	r := result{ID: c.ID, Errors: []string{}, TimeChecks: []string{}}
	var claims jwt.Claims
	if c.JWT != "" {
		decoded, err := jwt.Decode(c.JWT)
		if err != nil {
			r.DecodeError = err.Error()
			return r
		}
		claims = decoded
	} else {
		var target jwt.Claims
		switch c.Kind {
		case "account":
			target = &jwt.AccountClaims{}
		case "user":
			target = &jwt.UserClaims{}
		case "operator":
			target = &jwt.OperatorClaims{}
		default:
			r.DecodeError = fmt.Sprintf("unknown kind %q", c.Kind)
			return r
		}
		if err := json.Unmarshal(c.Claims, target); err != nil {
			r.DecodeError = err.Error()
			return r
		}
		claims = target
	}
	vr := jwt.CreateValidationResults()
	claims.Validate(vr)
	for _, issue := range vr.Issues {
		if issue.Blocking {
			r.Errors = append(r.Errors, issue.Description)
		} else if issue.TimeCheck {
			r.TimeChecks = append(r.TimeChecks, issue.Description)
		}
	}
	return r
}
