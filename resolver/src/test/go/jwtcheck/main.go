// Command jwtcheck holds nats-sandbox's tokens and creds files against the reference NATS JWT library
// (github.com/nats-io/jwt/v2, as Debian packages it) and makes reference tokens for nats-sandbox to read.
// It is test code: the Java integration tests build it in GOPATH mode and run it.
//
//	jwtcheck verify              < request.json > report.json
//	jwtcheck generate -now UNIX  > reference.json
//
// verify decodes, validates and chain-checks every token it is given, recomputes each jti, re-marshals the
// decoded claims with encoding/json, and parses creds files with the reference parser (see verify.go).
// generate builds an operator, accounts, users, an activation token and creds files with the reference API
// (see generate.go). Seeds appear only in generate's output on stdout; stderr carries error messages only.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fail(fmt.Errorf("usage: jwtcheck verify < request.json | jwtcheck generate -now UNIX"))
	}
	var err error
	switch os.Args[1] {
	case "verify":
		err = runVerify(os.Stdin, os.Stdout)
	case "generate":
		fs := flag.NewFlagSet("generate", flag.ContinueOnError)
		now := fs.Int64("now", 0, "unix seconds that exp, nbf and revocations are relative to")
		if err = fs.Parse(os.Args[2:]); err == nil {
			if *now <= 0 {
				err = fmt.Errorf("generate needs -now with the current unix time, got [%d]", *now)
			} else {
				err = runGenerate(*now, os.Stdout)
			}
		}
	default:
		err = fmt.Errorf("unknown mode [%s]; expected verify or generate", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "jwtcheck:", err)
	os.Exit(2)
}

func writeJSON(w io.Writer, v interface{}) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
