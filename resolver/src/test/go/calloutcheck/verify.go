package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"strings"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nkeys"
)

type openRequest struct {
	RecipientSeed string `json:"recipient_seed"`
	Sender        string `json:"sender"`
	Data          []byte `json:"data"`
}

type sealRequest struct {
	Recipient string `json:"recipient"`
	Message   []byte `json:"message"`
}

type verifyRequest struct {
	Open   []openRequest `json:"open"`
	Seal   []sealRequest `json:"seal"`
	Tokens []string      `json:"tokens"`
}

type opened struct {
	Message []byte `json:"message,omitempty"`
	Error   string `json:"error,omitempty"`
}

type sealed struct {
	Sender string `json:"sender"`
	Data   []byte `json:"data"`
}

type tokenReport struct {
	Jwt string `json:"jwt"`
	// Type is the claim type the reference decoded; Error is set when it could not decode or verify.
	Type  string `json:"type,omitempty"`
	Error string `json:"error,omitempty"`
	// Issues are the reference's validation results.
	Issues []string `json:"issues"`
	// Identical: the payload re-marshaled from the decoded claims is byte-identical to the token's payload.
	Identical bool            `json:"identical"`
	Claims    json.RawMessage `json:"claims,omitempty"`
}

type verifyReport struct {
	Opened []opened      `json:"opened"`
	Sealed []sealed      `json:"sealed"`
	Tokens []tokenReport `json:"tokens"`
}

func runVerify(in io.Reader, out io.Writer) error {
	var req verifyRequest
	if err := json.NewDecoder(in).Decode(&req); err != nil {
		return err
	}
	report := verifyReport{Opened: []opened{}, Sealed: []sealed{}, Tokens: []tokenReport{}}
	for _, o := range req.Open {
		report.Opened = append(report.Opened, open(o))
	}
	for _, s := range req.Seal {
		kp, err := nkeys.CreateCurveKeys()
		if err != nil {
			return err
		}
		pub, _ := kp.PublicKey()
		data, err := kp.Seal(s.Message, s.Recipient)
		if err != nil {
			return err
		}
		report.Sealed = append(report.Sealed, sealed{Sender: pub, Data: data})
	}
	for _, t := range req.Tokens {
		report.Tokens = append(report.Tokens, verifyToken(t))
	}
	return writeJSON(out, report)
}

func open(o openRequest) opened {
	kp, err := nkeys.FromCurveSeed([]byte(o.RecipientSeed))
	if err != nil {
		return opened{Error: err.Error()}
	}
	msg, err := kp.Open(o.Data, o.Sender)
	if err != nil {
		return opened{Error: err.Error()}
	}
	return opened{Message: msg}
}

func verifyToken(token string) tokenReport {
	r := tokenReport{Jwt: token, Issues: []string{}}
	claims, err := jwt.Decode(token)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	r.Type = string(claims.ClaimType())
	vr := jwt.CreateValidationResults()
	claims.Validate(vr)
	for _, i := range vr.Issues {
		r.Issues = append(r.Issues, i.Description)
	}
	again, err := json.Marshal(claims)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	r.Claims = again
	parts := strings.Split(token, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		r.Error = err.Error()
		return r
	}
	r.Identical = bytes.Equal(payload, again)
	return r
}
