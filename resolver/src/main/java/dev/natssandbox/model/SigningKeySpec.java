package dev.natssandbox.model;

import dev.natssandbox.jwt.UserPermissionLimits;

/**
 * An account signing key, referred to by name from {@link UserSpec#signingKey()}. A scoped key carries a template:
 * users it signs get exactly the template's permissions and limits (nsc {@code edit signing-key --role}).
 *
 * @param name        the key's name (used as the scope's role)
 * @param scoped      whether the key is scoped
 * @param template    for a scoped key: what its users may do
 * @param description for a scoped key: a description
 */
public record SigningKeySpec(String name, boolean scoped, UserPermissionLimits template, String description) {
    /** Checks the name and template. */
    public SigningKeySpec {
        Checks.name("signing_keys", "signing key", name);
        template = template == null ? UserPermissionLimits.DEFAULT : template;
        description = description == null ? "" : description;
        if (!scoped && (!template.equals(UserPermissionLimits.DEFAULT) || !description.isEmpty())) {
            throw new InvalidSpecException("signing_keys." + name, "signing key [" + name
                    + "] has a template or description but is not scoped; set scoped: true or remove them");
        }
        Checks.userPermissionLimits("signing_keys." + name + ".template", template);
        if (scoped) {
            // The reference writes a template limit of 0 by leaving it out, and reads a missing one as -1: a 0 in a
            // template would silently become "unlimited" on the server.
            String at = "signing_keys." + name + ".template.limits";
            if (template.subs() == 0) {
                throw new InvalidSpecException(at + ".subs", "a scope template cannot limit subs to [0]: the JWT "
                        + "would carry no value and the server would read it as unlimited; use sub deny [\">\"] to "
                        + "forbid subscribing");
            }
            if (template.data() == 0 || template.payload() == 0) {
                throw new InvalidSpecException(at + (template.data() == 0 ? ".data" : ".payload"), "a scope "
                        + "template cannot limit data or payload to [0]: the JWT would carry no value and the server "
                        + "would read it as unlimited; use pub deny [\">\"] to forbid publishing");
            }
        }
    }

    /**
     * @param name the key's name
     * @return a plain (unscoped) signing key
     */
    public static SigningKeySpec plain(String name) {
        return new SigningKeySpec(name, false, null, null);
    }

    /**
     * @param name     the key's name and role
     * @param template what users of this key may do
     * @return a scoped signing key
     */
    public static SigningKeySpec scoped(String name, UserPermissionLimits template) {
        return new SigningKeySpec(name, true, template, null);
    }
}
