package dev.natssandbox.model;

import dev.natssandbox.jwt.UserPermissionLimits;

import java.util.Objects;

/**
 * An account signing key, referred to by name from {@link UserSpec#signingKey()}. A scoped key carries a template:
 * users it signs get exactly the template's permissions and limits (nsc {@code edit signing-key --role}).
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class SigningKeySpec {
    private final String name;
    private final boolean scoped;
    private final UserPermissionLimits template;
    private final String description;
    /** Checks the name and template. */
    private SigningKeySpec(String name, boolean scoped, UserPermissionLimits template, String description) {
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
        this.name = name;
        this.scoped = scoped;
        this.template = template;
        this.description = description;
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

    /**
     * @return the key's name (used as the scope's role)
     */
    public String name() {
        return name;
    }

    /**
     * @return whether the key is scoped
     */
    public boolean scoped() {
        return scoped;
    }

    /**
     * @return for a scoped key: what its users may do
     */
    public UserPermissionLimits template() {
        return template;
    }

    /**
     * @return for a scoped key: a description
     */
    public String description() {
        return description;
    }

    /**
     * Starts a builder; every other value starts at its default.
     *
     * @param name the key's name (used as the scope's role)
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * @return a builder that starts from this value
     */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.scoped = scoped;
        b.template = template;
        b.description = description;
        return b;
    }

    /**
     * Builds {@link SigningKeySpec} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private String name;
        private boolean scoped;
        private UserPermissionLimits template;
        private String description;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param name the key's name (used as the scope's role)
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param scoped whether the key is scoped
         * @return this builder
         */
        public Builder scoped(boolean scoped) {
            this.scoped = scoped;
            return this;
        }

        /**
         * @param template for a scoped key: what its users may do
         * @return this builder
         */
        public Builder template(UserPermissionLimits template) {
            this.template = template;
            return this;
        }

        /**
         * @param description for a scoped key: a description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public SigningKeySpec build() {
            return new SigningKeySpec(name, scoped, template, description);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SigningKeySpec other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && scoped == other.scoped
                && Objects.equals(template, other.template)
                && Objects.equals(description, other.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, scoped, template, description);
    }

    @Override
    public String toString() {
        return "SigningKeySpec[name=" + name + ", scoped=" + scoped + ", template=" + template
                + ", description=" + description + "]";
    }
}
