package main

import (
	"io"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nkeys"
)

type key struct {
	Seed   string `json:"seed"`
	Public string `json:"public"`
}

// generated holds what the reference made; Java decodes each part and, with the seeds, re-encodes it.
type generated struct {
	XKeys []key `json:"xkeys"`
	// SealedBy: Sealed is XKeys[0] sealing Message for XKeys[1].
	Message []byte `json:"message"`
	Sealed  []byte `json:"sealed"`

	Operator   key    `json:"operator"`
	Callout    key    `json:"callout"`
	Target     key    `json:"target"`
	AuthUser   key    `json:"auth_user"`
	Server     key    `json:"server"`
	User       key    `json:"user"`
	AccountJwt string `json:"account_jwt"`
	RequestJwt string `json:"request_jwt"`
	UserJwt    string `json:"user_jwt"`
	Response   string `json:"response_jwt"`
	Refusal    string `json:"refusal_jwt"`
}

func runGenerate(now int64, out io.Writer) error {
	g := generated{Message: []byte("reference sealed this")}
	for i := 0; i < 3; i++ {
		g.XKeys = append(g.XKeys, curve())
	}
	sender, _ := nkeys.FromCurveSeed([]byte(g.XKeys[0].Seed))
	sealedBytes, err := sender.Seal(g.Message, g.XKeys[1].Public)
	if err != nil {
		return err
	}
	g.Sealed = sealedBytes

	opKP, _ := nkeys.CreateOperator()
	calloutKP, _ := nkeys.CreateAccount()
	targetKP, _ := nkeys.CreateAccount()
	authKP, _ := nkeys.CreateUser()
	serverKP, _ := nkeys.CreateServer()
	userKP, _ := nkeys.CreateUser()
	g.Operator, g.Callout, g.Target = pair(opKP), pair(calloutKP), pair(targetKP)
	g.AuthUser, g.Server, g.User = pair(authKP), pair(serverKP), pair(userKP)

	ac := jwt.NewAccountClaims(g.Callout.Public)
	ac.Name = "AUTH"
	ac.IssuedAt = now
	ac.Authorization.AuthUsers.Add(g.AuthUser.Public)
	ac.Authorization.AllowedAccounts.Add(g.Target.Public, g.Callout.Public)
	ac.Authorization.XKey = g.XKeys[2].Public
	if g.AccountJwt, err = ac.Encode(opKP); err != nil {
		return err
	}

	rc := jwt.NewAuthorizationRequestClaims(g.Callout.Public)
	rc.Audience = "nats-authorization-request"
	rc.IssuedAt = now
	rc.Expires = now + 2
	rc.UserNkey = g.User.Public
	rc.Server = jwt.ServerID{Name: "srv-a", Host: "127.0.0.1", ID: g.Server.Public, Version: "2.15.1",
		Cluster: "c1", Tags: jwt.TagList{"az:1", "edge"}, XKey: g.XKeys[0].Public}
	rc.ClientInformation = jwt.ClientInformation{Host: "127.0.0.1", ID: 17, User: "alice", Name: "app <1>",
		Tags: jwt.TagList{"t1"}, NameTag: "nt", Kind: "Client", Type: "nats", MQTT: "", Nonce: "abc"}
	rc.ConnectOptions = jwt.ConnectOptions{JWT: "", Nkey: "", SignedNonce: "sig", Token: "tok",
		Username: "alice", Password: "s3cret", Name: "app <1>", Lang: "go", Version: "1.54.0", Protocol: 1}
	rc.TLS = &jwt.ClientTLS{Version: "1.3", Cipher: "TLS_AES_128_GCM_SHA256", Certs: jwt.StringList{"PEM1"},
		VerifiedChains: []jwt.StringList{{"A", "B"}}}
	rc.RequestNonce = "rn"
	if g.RequestJwt, err = rc.Encode(serverKP); err != nil {
		return err
	}

	uc := jwt.NewUserClaims(g.User.Public)
	uc.Name = "alice"
	uc.IssuedAt = now
	uc.Expires = now + 3600
	uc.IssuerAccount = ""
	uc.Pub.Allow.Add("a.>")
	uc.Sub.Allow.Add("_INBOX.>")
	if g.UserJwt, err = uc.Encode(targetKP); err != nil {
		return err
	}
	resp := jwt.NewAuthorizationResponseClaims(g.User.Public)
	resp.Audience = g.Server.Public
	resp.IssuedAt = now
	resp.Jwt = g.UserJwt
	if g.Response, err = resp.Encode(calloutKP); err != nil {
		return err
	}
	ref := jwt.NewAuthorizationResponseClaims(g.User.Public)
	ref.Audience = g.Server.Public
	ref.IssuedAt = now
	ref.Error = "no such user <alice>"
	if g.Refusal, err = ref.Encode(calloutKP); err != nil {
		return err
	}
	return writeJSON(out, g)
}

func curve() key {
	kp, _ := nkeys.CreateCurveKeys()
	return pair(kp)
}

func pair(kp nkeys.KeyPair) key {
	seed, _ := kp.Seed()
	pub, _ := kp.PublicKey()
	return key{Seed: string(seed), Public: pub}
}
