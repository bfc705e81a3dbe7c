package main

import (
	"encoding/json"
	"io"
)

func runClient(in io.Reader, out io.Writer) error {
	var req json.RawMessage
	if err := json.NewDecoder(in).Decode(&req); err != nil {
		return err
	}
	return writeJSON(out, map[string]string{"error": "not implemented"})
}
