/**
 * Imports an existing nsc environment (an operator's store plus its keystore) into a sandbox: the JWT claims become
 * a {@link dev.natssandbox.model.SandboxSpec} and the keystore's seeds a {@link dev.natssandbox.provision.KeySource},
 * so the sandbox runs the environment's real identities. Entry point: {@link dev.natssandbox.nscimport.NscEnvironment}.
 */
package dev.natssandbox.nscimport;
