package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/nats-io/jwt/v2"
)

// verifyRequest lists what to check. Operator, accounts, users and activations are also chain-checked against
// each other; others are only decoded and validated (e.g. a tampered token, a v1 token).
type verifyRequest struct {
	Operator    string   `json:"operator"`
	Accounts    []string `json:"accounts"`
	Users       []string `json:"users"`
	Activations []string `json:"activations"`
	Others      []string `json:"others"`
	Creds       []string `json:"creds"`
}

type issue struct {
	Description string `json:"description"`
	Blocking    bool   `json:"blocking"`
	TimeCheck   bool   `json:"time_check"`
}

type tokenReport struct {
	JWT         string  `json:"jwt"`
	DecodeError string  `json:"decode_error,omitempty"`
	Type        string  `json:"type,omitempty"`
	Version     int     `json:"version,omitempty"`
	Subject     string  `json:"sub,omitempty"`
	Issuer      string  `json:"iss,omitempty"`
	Name        string  `json:"name,omitempty"`
	Issues      []issue `json:"issues"`
	// ID is the token's jti; RecomputedID is what the reference computes for the same standard claims.
	ID           string `json:"jti"`
	RecomputedID string `json:"jti_recomputed"`
	// Marshal is encoding/json's output for the decoded claims: what the reference writes for the values it
	// read. Account signing keys (a Go map, marshaled in random order) are put in key order.
	Marshal string `json:"marshal"`
	// EncodeMarshal is the same after sorting exports and imports by subject, as AccountClaims.Encode does.
	EncodeMarshal string `json:"encode_marshal,omitempty"`
	// Chain lists chain-of-trust problems (empty when the token is issued by whom it may be).
	Chain []string `json:"chain"`
	// Facts are values as the reference interprets them (units, defaults, verdicts).
	Facts map[string]interface{} `json:"facts"`
}

type credsReport struct {
	Path                   string `json:"path"`
	Error                  string `json:"error,omitempty"`
	JWT                    string `json:"jwt"`
	Type                   string `json:"type"`
	Subject                string `json:"sub"`
	SeedPublicKey          string `json:"seed_public_key"`
	SeedIsUser             bool   `json:"seed_is_user"`
	SeedMatchesSubject     bool   `json:"seed_matches_subject"`
	SameAsFormatUserConfig bool   `json:"same_as_format_user_config"`
}

type verifyReport struct {
	Tokens []*tokenReport `json:"tokens"`
	Creds  []*credsReport `json:"creds"`
}

func runVerify(in io.Reader, out io.Writer) error {
	var req verifyRequest
	dec := json.NewDecoder(in)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return fmt.Errorf("cannot read the verify request: %v", err)
	}
	rep := &verifyReport{Tokens: []*tokenReport{}, Creds: []*credsReport{}}

	var operator *jwt.OperatorClaims
	if req.Operator != "" {
		r, c := inspect(req.Operator)
		rep.Tokens = append(rep.Tokens, r)
		if oc, ok := c.(*jwt.OperatorClaims); ok {
			operator = oc
			if !oc.DidSign(oc) {
				r.Chain = append(r.Chain, "operator is neither self-signed nor signed by one of its signing keys")
			}
		}
	}
	accounts := map[string]*jwt.AccountClaims{}
	var accountReports []*tokenReport
	for _, t := range req.Accounts {
		r, c := inspect(t)
		rep.Tokens = append(rep.Tokens, r)
		if ac, ok := c.(*jwt.AccountClaims); ok {
			accounts[ac.Subject] = ac
			accountReports = append(accountReports, r)
		}
	}
	for _, r := range accountReports {
		ac := accounts[r.Subject]
		if operator == nil {
			r.Chain = append(r.Chain, "no operator token to check the account against")
		} else if !operator.DidSign(ac) {
			r.Chain = append(r.Chain, fmt.Sprintf("account is issued by %s, which may not sign accounts of operator %s",
				ac.Issuer, operator.Subject))
		}
	}
	for _, t := range req.Users {
		r, c := inspect(t)
		rep.Tokens = append(rep.Tokens, r)
		if uc, ok := c.(*jwt.UserClaims); ok {
			checkUserChain(r, uc, accounts)
		}
	}
	for _, t := range req.Activations {
		r, c := inspect(t)
		rep.Tokens = append(rep.Tokens, r)
		if act, ok := c.(*jwt.ActivationClaims); ok {
			checkActivationChain(r, act, accounts)
		}
	}
	for _, t := range req.Others {
		r, _ := inspect(t)
		rep.Tokens = append(rep.Tokens, r)
	}
	for _, p := range req.Creds {
		rep.Creds = append(rep.Creds, inspectCreds(p))
	}
	return writeJSON(out, rep)
}

func checkUserChain(r *tokenReport, uc *jwt.UserClaims, accounts map[string]*jwt.AccountClaims) {
	accountKey := uc.IssuerAccount
	if accountKey == "" {
		accountKey = uc.Issuer
	}
	ac, ok := accounts[accountKey]
	if !ok {
		r.Chain = append(r.Chain, fmt.Sprintf("no account token for %s", accountKey))
		return
	}
	if !ac.DidSign(uc) {
		r.Chain = append(r.Chain, fmt.Sprintf("user is issued by %s, which is neither account %s nor one of its signing keys",
			uc.Issuer, ac.Subject))
	}
	if uc.Issuer != ac.Subject && uc.IssuerAccount != ac.Subject {
		r.Chain = append(r.Chain, "user is issued by a signing key but issuer_account does not name the account")
	}
	if scope, ok := ac.SigningKeys.GetScope(uc.Issuer); ok && scope != nil {
		r.Facts["scoped_signer"] = true
		if err := scope.ValidateScopedSigner(uc); err != nil {
			r.Chain = append(r.Chain, "scoped signing key: "+err.Error())
		}
	}
	r.Facts["revoked"] = ac.IsClaimRevoked(uc)
}

func checkActivationChain(r *tokenReport, act *jwt.ActivationClaims, accounts map[string]*jwt.AccountClaims) {
	exporterKey := act.IssuerAccount
	if exporterKey == "" {
		exporterKey = act.Issuer
	}
	exporter, ok := accounts[exporterKey]
	if !ok {
		r.Chain = append(r.Chain, fmt.Sprintf("no account token for exporter %s", exporterKey))
		return
	}
	if !exporter.DidSign(act) {
		r.Chain = append(r.Chain, fmt.Sprintf(
			"activation is issued by %s, which is neither account %s nor one of its signing keys",
			act.Issuer, exporter.Subject))
	}
	if _, ok := accounts[act.Subject]; !ok {
		r.Chain = append(r.Chain, fmt.Sprintf("no account token for importer %s", act.Subject))
	}
	found := false
	for _, e := range exporter.Exports {
		if e.TokenReq && e.Type == act.ImportType && act.ImportSubject.IsContainedIn(e.Subject) {
			found = true
			r.Facts["export_revoked"] = e.IsClaimRevoked(act)
		}
	}
	if !found {
		r.Chain = append(r.Chain, fmt.Sprintf("exporter has no private %s export containing %q",
			act.ImportType, act.ImportSubject))
	}
}

// inspect decodes one token and fills everything that needs only the token itself.
func inspect(token string) (*tokenReport, jwt.Claims) {
	r := &tokenReport{JWT: token, Issues: []issue{}, Chain: []string{}, Facts: map[string]interface{}{}}
	c, err := jwt.Decode(token)
	if err != nil {
		r.DecodeError = err.Error()
		return r, nil
	}
	cd := c.Claims()
	r.Type = string(c.ClaimType())
	r.Subject, r.Issuer, r.Name, r.ID = cd.Subject, cd.Issuer, cd.Name, cd.ID
	vr := jwt.CreateValidationResults()
	c.Validate(vr)
	for _, i := range vr.Issues {
		r.Issues = append(r.Issues, issue{i.Description, i.Blocking, i.TimeCheck})
	}
	r.RecomputedID = referenceID(*cd)
	m, err := json.Marshal(c)
	if err != nil {
		r.DecodeError = "re-marshal failed: " + err.Error()
		return r, c
	}
	switch v := c.(type) {
	case *jwt.OperatorClaims:
		r.Version = v.Version
	case *jwt.AccountClaims:
		r.Version = v.Version
		if m, err = sortSigningKeys(m, v.SigningKeys); err == nil {
			sort.Sort(v.Exports)
			sort.Sort(v.Imports)
			var e []byte
			if e, err = json.Marshal(v); err == nil {
				e, err = sortSigningKeys(e, v.SigningKeys)
				r.EncodeMarshal = string(e)
			}
		}
		if err != nil {
			r.DecodeError = "re-marshal failed: " + err.Error()
		}
		accountFacts(r.Facts, v)
	case *jwt.UserClaims:
		r.Version = v.Version
		userFacts(r.Facts, &v.UserPermissionLimits)
		r.Facts["has_empty_permissions"] = v.HasEmptyPermissions()
	case *jwt.ActivationClaims:
		r.Version = v.Version
		r.Facts["import_subject"] = string(v.ImportSubject)
		r.Facts["import_type"] = v.ImportType.String()
	}
	r.Marshal = string(m)
	return r, c
}

func inspectCreds(path string) *credsReport {
	r := &credsReport{Path: path}
	data, err := os.ReadFile(path)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	defer wipe(data)
	if r.JWT, err = jwt.ParseDecoratedJWT(data); err != nil {
		r.Error = "ParseDecoratedJWT: " + err.Error()
		return r
	}
	c, err := jwt.Decode(r.JWT)
	if err != nil {
		r.Error = "decoding the creds JWT: " + err.Error()
		return r
	}
	r.Type, r.Subject = string(c.ClaimType()), c.Claims().Subject
	kp, err := jwt.ParseDecoratedNKey(data)
	if err != nil {
		r.Error = "ParseDecoratedNKey: " + err.Error()
		return r
	}
	defer kp.Wipe()
	if r.SeedPublicKey, err = kp.PublicKey(); err != nil {
		r.Error = "seed public key: " + err.Error()
		return r
	}
	_, userErr := jwt.ParseDecoratedUserNKey(data)
	r.SeedIsUser = userErr == nil
	r.SeedMatchesSubject = r.SeedPublicKey == r.Subject
	seed, err := kp.Seed()
	if err != nil {
		r.Error = "seed: " + err.Error()
		return r
	}
	defer wipe(seed)
	formatted, err := jwt.FormatUserConfig(r.JWT, seed)
	if err != nil {
		r.Error = "FormatUserConfig: " + err.Error()
		return r
	}
	defer wipe(formatted)
	r.SameAsFormatUserConfig = bytes.Equal(formatted, data)
	return r
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
