package main

import (
	"fmt"
	"io"
	"time"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nkeys"
)

// The reference tokens: every value below is asserted field by field by the Java test GoReferenceIT
// (dev.natssandbox.conformance.GoReference); change both together.
//
// Every claim of jwt v2.8 is set somewhere (authorization, the auth callout claim, stays empty): operator expiry,
// account nbf, trace and cluster_traffic, allow_trace on a service export and a stream import, IN_PROCESS and
// proxy_required on a user.
//
// Operator GoOperator (strict signing keys) signs SYS and GoExporter with its first signing key and
// GoImporter with its second. GoExporter has a plain and a scoped signing key, JetStream limits, every export
// option, revocations, default permissions and a mapping; GoImporter has tiered JetStream limits and imports
// every GoExporter export, the private one with an activation token. Users of GoExporter: GoFull (every user
// field), GoSigned (plain signing key), GoScoped (scoped signing key), GoRevoked (revoked by the account).

type keyOut struct {
	PublicKey string `json:"public_key"`
	Seed      string `json:"seed"`
}

type tokenOut struct {
	JWT     string            `json:"jwt"`
	Key     keyOut            `json:"key"`
	Signers map[string]keyOut `json:"signing_keys,omitempty"`
	Account string            `json:"account,omitempty"`
	Creds   string            `json:"creds,omitempty"`
}

type generateReport struct {
	Now        int64                `json:"now"`
	Operator   *tokenOut            `json:"operator"`
	Accounts   map[string]*tokenOut `json:"accounts"`
	Users      map[string]*tokenOut `json:"users"`
	Activation *tokenOut            `json:"activation"`
	// RevokedImporter is the account key GoExporter's private export revokes.
	RevokedImporter string `json:"revoked_importer"`
}

type keyMaker func() (nkeys.KeyPair, error)

func newKey(make keyMaker) (nkeys.KeyPair, keyOut) {
	kp, err := make()
	must(err)
	pub, err := kp.PublicKey()
	must(err)
	seed, err := kp.Seed()
	must(err)
	return kp, keyOut{PublicKey: pub, Seed: string(seed)}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func runGenerate(now int64, out io.Writer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("generate: %v", p)
		}
	}()
	rep := &generateReport{Now: now, Accounts: map[string]*tokenOut{}, Users: map[string]*tokenOut{}}

	opKP, opKey := newKey(nkeys.CreateOperator)
	opSK1, opSK1Key := newKey(nkeys.CreateOperator)
	opSK2, opSK2Key := newKey(nkeys.CreateOperator)
	_, sysKey := newKey(nkeys.CreateAccount)
	exKP, exKey := newKey(nkeys.CreateAccount)
	exSK, exSKKey := newKey(nkeys.CreateAccount)
	exScoped, exScopedKey := newKey(nkeys.CreateAccount)
	_, impKey := newKey(nkeys.CreateAccount)
	_, revokedImporterKey := newKey(nkeys.CreateAccount)
	rep.RevokedImporter = revokedImporterKey.PublicKey

	oc := jwt.NewOperatorClaims(opKey.PublicKey)
	oc.Name = "GoOperator"
	oc.SigningKeys.Add(opSK1Key.PublicKey, opSK2Key.PublicKey)
	oc.AccountServerURL = "https://accounts.example.com/jwt/v1"
	oc.OperatorServiceURLs.Add("nats://127.0.0.1:4222", "tls://nats.example.com:4443")
	oc.SystemAccount = sysKey.PublicKey
	oc.AssertServerVersion = "2.9.0"
	oc.StrictSigningKeyUsage = true
	oc.Tags.Add("Env:Test", "team")
	oc.Expires = now + 2*365*24*3600
	rep.Operator = &tokenOut{JWT: encode(oc, opKP), Key: opKey,
		Signers: map[string]keyOut{"first": opSK1Key, "second": opSK2Key}}

	sys := jwt.NewAccountClaims(sysKey.PublicKey)
	sys.Name = "SYS"
	rep.Accounts["SYS"] = &tokenOut{JWT: encode(sys, opSK1), Key: sysKey}

	// Users first: the account revokes GoRevoked as of its issue time.
	users := generateUsers(now, exKP, exSK, exScoped, exKey.PublicKey, exScopedKey.PublicKey)
	rep.Users = users

	ex := jwt.NewAccountClaims(exKey.PublicKey)
	ex.Name = "GoExporter"
	ex.Expires = now + 365*24*3600
	ex.NotBefore = now - 3600
	ex.Trace = &jwt.MsgTrace{Destination: "trace.exporter", Sampling: 40}
	ex.ClusterTraffic = jwt.ClusterTrafficOwner
	ex.Limits.Subs, ex.Limits.Data, ex.Limits.Payload = 1000, 1<<30, 1<<20
	ex.Limits.Imports, ex.Limits.Exports = 10, 20
	ex.Limits.WildcardExports, ex.Limits.DisallowBearer = true, false
	ex.Limits.Conn, ex.Limits.LeafNodeConn = 100, 5
	ex.Limits.JetStreamLimits = jwt.JetStreamLimits{MemoryStorage: 1 << 30, DiskStorage: 10 << 30, Streams: 10,
		Consumer: 100, MaxAckPending: 1000, MemoryMaxStreamBytes: 1 << 28, DiskMaxStreamBytes: 1 << 29,
		MaxBytesRequired: true}
	ex.SigningKeys.Add(exSKKey.PublicKey)
	scope := jwt.NewUserScope()
	scope.Key = exScopedKey.PublicKey
	scope.Role = "service"
	scope.Template.Pub.Allow.Add("svc.>")
	scope.Template.Sub.Allow.Add("svc.requests", "svc.work workers")
	scope.Template.Resp = &jwt.ResponsePermission{MaxMsgs: 1, Expires: 5 * time.Second}
	scope.Template.Subs = 10
	scope.Template.ProxyRequired = true
	scope.Description = "service users"
	ex.SigningKeys.AddScopedSigner(scope)
	news := &jwt.Export{Name: "news", Subject: "news.>", Type: jwt.Stream, Advertise: true,
		Info: jwt.Info{Description: "news <feed> & more", InfoURL: "https://example.com/news?a=1&b=2"}}
	events := &jwt.Export{Name: "events", Subject: "acct.*.events", Type: jwt.Stream, AccountTokenPosition: 2}
	echo := &jwt.Export{Name: "echo", Subject: "svc.echo", Type: jwt.Service, ResponseType: jwt.ResponseTypeStream,
		ResponseThreshold: 1500 * time.Millisecond, Latency: &jwt.ServiceLatency{Sampling: 25, Results: "latency.echo"},
		AllowTrace: true}
	private := &jwt.Export{Name: "private", Subject: "private.svc", Type: jwt.Service, TokenReq: true,
		ResponseType: jwt.ResponseTypeChunked,
		Latency:      &jwt.ServiceLatency{Sampling: jwt.Headers, Results: "latency.private"}}
	private.RevokeAt(revokedImporterKey.PublicKey, time.Unix(now-10, 0))
	ex.Exports.Add(echo, news, private, events)
	ex.RevokeAt(users["GoRevoked"].Key.PublicKey, time.Unix(mustDecodeUser(users["GoRevoked"].JWT).IssuedAt, 0))
	ex.RevokeAt(jwt.All, time.Unix(now-24*3600, 0))
	ex.DefaultPermissions.Pub.Allow.Add("default.>")
	ex.DefaultPermissions.Pub.Deny.Add("default.secret")
	ex.DefaultPermissions.Sub.Allow.Add("default.>", "queue.* workers")
	ex.DefaultPermissions.Resp = &jwt.ResponsePermission{MaxMsgs: 3, Expires: 30 * time.Second}
	ex.AddMapping("orders", jwt.WeightedMapping{Subject: "orders.v1", Weight: 80},
		jwt.WeightedMapping{Subject: "orders.v2", Weight: 20, Cluster: "east"})
	ex.Description = "exports \"everything\"\n\u2028<tab>\t"
	ex.InfoURL = "https://example.com/exporter"
	ex.Tags.Add("Exporter", "zone:eu")
	rep.Accounts["GoExporter"] = &tokenOut{JWT: encode(ex, opSK1), Key: exKey,
		Signers: map[string]keyOut{"plain": exSKKey, "scoped": exScopedKey}}

	act := jwt.NewActivationClaims(impKey.PublicKey)
	act.Name = "private.svc for GoImporter"
	act.Expires = now + 30*24*3600
	act.ImportSubject = "private.svc"
	act.ImportType = jwt.Service
	act.IssuerAccount = exKey.PublicKey
	act.Tags.Add("activation")
	activation := encode(act, exSK)
	rep.Activation = &tokenOut{JWT: activation, Account: "GoImporter"}

	imp := jwt.NewAccountClaims(impKey.PublicKey)
	imp.Name = "GoImporter"
	imp.Trace = &jwt.MsgTrace{Destination: "trace.importer", Sampling: 100}
	imp.ClusterTraffic = jwt.ClusterTrafficSystem
	imp.Limits.JetStreamTieredLimits["R1"] = jwt.JetStreamLimits{MemoryStorage: 1 << 20, DiskStorage: 1 << 30,
		Streams: 5, Consumer: 50}
	imp.Limits.JetStreamTieredLimits["R3"] = jwt.JetStreamLimits{DiskStorage: 3 << 30, Streams: -1, Consumer: -1,
		MaxAckPending: 100, MaxBytesRequired: true}
	imp.Imports.Add(
		&jwt.Import{Name: "news", Subject: "news.>", Account: exKey.PublicKey, LocalSubject: "feeds.news.>",
			Type: jwt.Stream, AllowTrace: true},
		&jwt.Import{Name: "echo", Subject: "svc.echo", Account: exKey.PublicKey, LocalSubject: "echo.local",
			Type: jwt.Service, Share: true},
		&jwt.Import{Name: "private", Subject: "private.svc", Account: exKey.PublicKey, Token: activation, Type: jwt.Service},
		&jwt.Import{Name: "events", Subject: jwt.Subject("acct." + impKey.PublicKey + ".events"), Account: exKey.PublicKey,
			Type: jwt.Stream})
	rep.Accounts["GoImporter"] = &tokenOut{JWT: encode(imp, opSK2), Key: impKey}

	return writeJSON(out, rep)
}

func generateUsers(now int64, account, plain, scoped nkeys.KeyPair, accountKey, scopedKey string) map[string]*tokenOut {
	users := map[string]*tokenOut{}

	fullKP, fullKey := newKey(nkeys.CreateUser)
	full := jwt.NewUserClaims(fullKey.PublicKey)
	full.Name = "GoFull"
	full.Audience = "nats-sandbox"
	full.Expires = now + 3600
	full.NotBefore = now - 60
	full.Pub.Allow.Add("pub.a", "pub.b.>")
	full.Pub.Deny.Add("pub.b.secret")
	full.Sub.Allow.Add("sub.a", "sub.q workers")
	full.Sub.Deny.Add("sub.secret")
	full.Resp = &jwt.ResponsePermission{MaxMsgs: 5, Expires: 90 * time.Second}
	full.Src.Add("127.0.0.0/8", "::1/128")
	full.Times = []jwt.TimeRange{{Start: "08:00:00", End: "17:30:00"}, {Start: "22:00:00", End: "02:00:00"}}
	full.Locale = "Europe/Berlin"
	full.NatsLimits = jwt.NatsLimits{Subs: 100, Data: 1 << 20, Payload: 4096}
	full.BearerToken = true
	full.AllowedConnectionTypes.Add(jwt.ConnectionTypeStandard, jwt.ConnectionTypeWebsocket, jwt.ConnectionTypeInProcess)
	full.ProxyRequired = true
	full.Tags.Add("Full")
	users["GoFull"] = userOut(full, account, fullKP, fullKey)

	signedKP, signedKey := newKey(nkeys.CreateUser)
	signed := jwt.NewUserClaims(signedKey.PublicKey)
	signed.Name = "GoSigned"
	signed.IssuerAccount = accountKey
	signed.Pub.Allow.Add("signed.>")
	users["GoSigned"] = userOut(signed, plain, signedKP, signedKey)

	scopedKP, scopedUserKey := newKey(nkeys.CreateUser)
	scopedUser := jwt.NewUserClaims(scopedUserKey.PublicKey)
	scopedUser.Name = "GoScoped"
	scopedUser.IssuerAccount = accountKey
	scopedUser.SetScoped(true)
	users["GoScoped"] = userOut(scopedUser, scoped, scopedKP, scopedUserKey)

	revokedKP, revokedKey := newKey(nkeys.CreateUser)
	revoked := jwt.NewUserClaims(revokedKey.PublicKey)
	revoked.Name = "GoRevoked"
	users["GoRevoked"] = userOut(revoked, account, revokedKP, revokedKey)
	return users
}

func userOut(uc *jwt.UserClaims, signer, user nkeys.KeyPair, key keyOut) *tokenOut {
	token := encode(uc, signer)
	seed, err := user.Seed()
	must(err)
	creds, err := jwt.FormatUserConfig(token, seed)
	must(err)
	return &tokenOut{JWT: token, Key: key, Account: "GoExporter", Creds: string(creds)}
}

func mustDecodeUser(token string) *jwt.UserClaims {
	uc, err := jwt.DecodeUserClaims(token)
	must(err)
	return uc
}

func encode(c jwt.Claims, signer nkeys.KeyPair) string {
	token, err := c.Encode(signer)
	must(err)
	return token
}
