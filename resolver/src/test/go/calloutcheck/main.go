// Command calloutcheck holds nats-sandbox's auth callout pieces against the reference Go libraries (nkeys xkeys,
// jwt authorization claims, the nats.go client). It is test code: the Java tests build it in GOPATH mode and run it.
//
//	calloutcheck verify             < request.json > report.json
//	calloutcheck generate -now UNIX > reference.json
//	calloutcheck client             < probe.json   > outcome.json
//
// verify opens what Java sealed, seals for Java's keys, and decodes, validates and re-marshals account, user,
// authorization request and response tokens (see verify.go). generate makes xkeys and tokens with the reference
// API for Java to read (see generate.go). client connects with nats.go as told and probes what the connection
// may do (see client.go). Seeds appear only in generate's output on stdout; stderr carries error messages only.
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
		fail(fmt.Errorf("usage: calloutcheck verify|generate -now UNIX|client"))
	}
	var err error
	switch os.Args[1] {
	case "verify":
		err = runVerify(os.Stdin, os.Stdout)
	case "client":
		err = runClient(os.Stdin, os.Stdout)
	case "generate":
		fs := flag.NewFlagSet("generate", flag.ContinueOnError)
		now := fs.Int64("now", 0, "unix seconds the tokens' times are relative to")
		if err = fs.Parse(os.Args[2:]); err == nil {
			if *now <= 0 {
				err = fmt.Errorf("generate needs -now with the current unix time, got [%d]", *now)
			} else {
				err = runGenerate(*now, os.Stdout)
			}
		}
	default:
		err = fmt.Errorf("unknown mode [%s]; expected verify, generate or client", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "calloutcheck:", err)
	os.Exit(2)
}

func writeJSON(w io.Writer, v interface{}) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
