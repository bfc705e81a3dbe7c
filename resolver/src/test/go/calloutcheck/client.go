package main

import (
	"encoding/json"
	"io"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
)

type clientProbe struct {
	URL      string   `json:"url"`
	User     string   `json:"user"`
	Password string   `json:"password"`
	Token    string   `json:"token"`
	Creds    string   `json:"creds"`
	Publish  []string `json:"publish"`
}

type clientOutcome struct {
	Connected bool   `json:"connected"`
	Error     string `json:"error,omitempty"`
	// Published: the publishes were sent and the server answered the flush after them.
	Published bool `json:"published"`
}

// runClient connects with the reference client as told, publishes to each subject, and flushes: when it returns,
// the server has handled every publish, so the Java side can decide delivery by its own flush.
func runClient(in io.Reader, out io.Writer) error {
	var p clientProbe
	if err := json.NewDecoder(in).Decode(&p); err != nil {
		return err
	}
	opts := []nats.Option{nats.Name("calloutcheck"), nats.NoReconnect(), nats.Timeout(10 * time.Second)}
	if p.Creds != "" {
		jwt, err := nkeys.ParseDecoratedJWT([]byte(p.Creds))
		if err != nil {
			return err
		}
		kp, err := nkeys.ParseDecoratedUserNKey([]byte(p.Creds))
		if err != nil {
			return err
		}
		opts = append(opts, nats.UserJWT(func() (string, error) { return jwt, nil },
			func(nonce []byte) ([]byte, error) { return kp.Sign(nonce) }))
	}
	if p.User != "" {
		opts = append(opts, nats.UserInfo(p.User, p.Password))
	}
	if p.Token != "" {
		opts = append(opts, nats.Token(p.Token))
	}
	nc, err := nats.Connect(p.URL, opts...)
	if err != nil {
		return writeJSON(out, clientOutcome{Error: err.Error()})
	}
	defer nc.Close()
	for _, s := range p.Publish {
		if err := nc.Publish(s, []byte("from the reference client")); err != nil {
			return writeJSON(out, clientOutcome{Connected: true, Error: err.Error()})
		}
	}
	if err := nc.Flush(); err != nil {
		return writeJSON(out, clientOutcome{Connected: true, Error: err.Error()})
	}
	return writeJSON(out, clientOutcome{Connected: true, Published: true})
}
