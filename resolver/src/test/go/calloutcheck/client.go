package main

import (
	"encoding/json"
	"io"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
)

type clientProbe struct {
	URL       string   `json:"url"`
	Name      string   `json:"name"`
	User      string   `json:"user"`
	Password  string   `json:"password"`
	Token     string   `json:"token"`
	Creds     string   `json:"creds"`
	Publish   []string `json:"publish"`
	Subscribe []string `json:"subscribe"`
}

// attempt is one publish or subscribe: allowed unless the server answered it with a permissions violation.
type attempt struct {
	Subject string `json:"subject"`
	Allowed bool   `json:"allowed"`
	Error   string `json:"error,omitempty"`
}

type clientOutcome struct {
	Connected bool   `json:"connected"`
	Error     string `json:"error,omitempty"`
	// Published: the publishes were sent and the server answered the flush after them.
	Published  bool      `json:"published"`
	Publishes  []attempt `json:"publishes"`
	Subscribes []attempt `json:"subscribes"`
}

// try runs one operation and flushes. The server handles a connection's protocol lines in order, and nats.go sets
// LastError from an -ERR in its read loop before it handles the PONG that ends the flush: a violation of this
// operation is the last error when the flush returns. No timeout decides anything.
func try(nc *nats.Conn, subject string, op func() error) (attempt, error) {
	before := nc.LastError()
	if err := op(); err != nil {
		return attempt{Subject: subject, Error: err.Error()}, nil
	}
	if err := nc.Flush(); err != nil {
		return attempt{}, err
	}
	if after := nc.LastError(); after != nil && after != before {
		return attempt{Subject: subject, Error: after.Error()}, nil
	}
	return attempt{Subject: subject, Allowed: true}, nil
}

// runClient connects with the reference client as told, publishes to each subject and subscribes to each, each
// followed by a flush: when it returns, the server has handled every operation, so the Java side can decide delivery
// by its own flush. A refused connect is reported with the error nats.go returns.
func runClient(in io.Reader, out io.Writer) error {
	var p clientProbe
	if err := json.NewDecoder(in).Decode(&p); err != nil {
		return err
	}
	name := p.Name
	if name == "" {
		name = "calloutcheck"
	}
	opts := []nats.Option{nats.Name(name), nats.NoReconnect(), nats.Timeout(10 * time.Second),
		// Violations are read from LastError; the default handler would only print them.
		nats.ErrorHandler(func(*nats.Conn, *nats.Subscription, error) {})}
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
	outcome := clientOutcome{Connected: true, Publishes: []attempt{}, Subscribes: []attempt{}}
	for _, s := range p.Publish {
		subject := s
		a, err := try(nc, subject, func() error { return nc.Publish(subject, []byte("from the reference client")) })
		if err != nil {
			outcome.Error = err.Error()
			return writeJSON(out, outcome)
		}
		outcome.Publishes = append(outcome.Publishes, a)
	}
	outcome.Published = true
	for _, s := range p.Subscribe {
		subject := s
		a, err := try(nc, subject, func() error {
			_, err := nc.SubscribeSync(subject)
			return err
		})
		if err != nil {
			outcome.Error = err.Error()
			return writeJSON(out, outcome)
		}
		outcome.Subscribes = append(outcome.Subscribes, a)
	}
	return writeJSON(out, outcome)
}
