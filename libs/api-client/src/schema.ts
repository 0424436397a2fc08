// Generated from openapi/portcullis.json by `npm run openapi`. Do not edit.
export interface paths {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The token keys as a JWKS (distribution 3.x `auth.token.jwks`), `kid` = libtrust key id. */
        get: operations["getJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/access-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists live personal access tokens: the caller's, or everyone's for an admin. */
        get: operations["listAccessTokens"];
        put?: never;
        /** Creates a personal access token for the caller; the token is in the answer, once. */
        post: operations["createAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/access-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes a personal access token at once. */
        delete: operations["revokeAccessToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/access-tokens/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replaces the token's value, keeping its settings; the new value is in the answer, once. */
        post: operations["rotateAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/access/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a token for (account, service, scope) would grant, and the clause behind each action.
         *     Anyone may explain their own account; admins and registry responsibles any account.
         */
        post: operations["explainAccess"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists apps with their responsible and publication groups. */
        get: operations["listApps"];
        put?: never;
        /** Declares an app. */
        post: operations["createApp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shows an app. */
        get: operations["getApp"];
        put?: never;
        post?: never;
        /** Deletes an app, its services and its robots. */
        delete: operations["deleteApp"];
        options?: never;
        head?: never;
        /** Changes an app's code or groups. */
        patch: operations["updateApp"];
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Token decisions and changes, newest first, filtered and paginated. */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signs in with a login name and password and returns a bearer token for the API (and, with
         *     `cookie: true`, sets the browser's session cookie instead of answering the refresh token).
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signs out: the session's refresh and access tokens stop working at once. Given a personal
         *     access token instead of a refresh token, revokes it. Without a body, ends the session (or
         *     revokes the personal access token) of the `Authorization: Bearer` header, even an expired
         *     session token. Always clears the browser's session cookie.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the bearer token belongs to: name, admin, privileges, groups, and the token's limits. */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the provider sends the browser back. */
        get: operations["finishOidcSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Starts a console sign-in at the OpenID Connect provider (a browser navigation, not an API call). */
        get: operations["startOidcSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The console's sign-in options: OpenID Connect's button, when configured. */
        get: operations["signInOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * New access and refresh tokens for a refresh token; the old refresh token stops working. A
         *     browser that signed in with `cookie: true` sends no body but the `X-Portcullis-Session` header:
         *     its cookie is used and replaced.
         */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Public mode (PUBLIC_REGISTRATION=true): creates an account with the three registry privileges. */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether two-factor sign-in is on, or required and not yet set up. */
        get: operations["getTwoFactor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirms the enrolment with a first code: two-factor sign-in is on, and the recovery codes shown once. */
        post: operations["confirmTwoFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turns two-factor sign-in off, with a current code or a recovery code. */
        post: operations["disableTwoFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/enrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Starts an enrolment: a new secret and its QR code, pending until a first code confirms it. */
        post: operations["enrolTwoFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether local accounts must sign in with a second factor. */
        get: operations["getSignInSettings"];
        /** Requires (or not) a second factor of every local account's console sign-in. */
        put: operations["setSignInSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/two-factor/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** An administrator turns a user's two-factor sign-in off (a lost authenticator). */
        delete: operations["resetTwoFactor"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Applies a portcullis.yaml document: all of it, or nothing (400 naming each bad field). */
        post: operations["applyConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config/import/docker-auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Imports a docker_auth configuration: static users, and the static ACL as configuration rules. */
        post: operations["importDockerAuth"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config/import/htpasswd": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Imports the users of an htpasswd file (bcrypt; re-hashed with argon2id at their next sign-in). */
        post: operations["importHtpasswd"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists groups. */
        get: operations["listGroups"];
        put?: never;
        /** Creates a group. */
        post: operations["createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shows a group. */
        get: operations["getGroup"];
        put?: never;
        post?: never;
        /** Deletes a group and its memberships. */
        delete: operations["deleteGroup"];
        options?: never;
        head?: never;
        /** Renames a group (`groups/<id>/` paths keep working). */
        patch: operations["renameGroup"];
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Answers 200 when the database answers (503 otherwise); orchestrators use /health/live and /health/ready. */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A job you started (admins: any job): its progress while it runs, then its result or error. */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/refresh-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists live refresh tokens (docker identity tokens): the caller's own, or everyone's for an admin. */
        get: operations["listRefreshTokens"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/refresh-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes a refresh token: the docker client holding it must log in again. */
        delete: operations["revokeRefreshToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists the declared registries. */
        get: operations["listRegistries"];
        put?: never;
        /** Declares a registry, so Portcullis issues tokens for its `service` (DockerRegistriesManager). */
        post: operations["createRegistry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shows one registry. */
        get: operations["getRegistry"];
        put?: never;
        post?: never;
        /** Removes a registry: Portcullis stops issuing tokens for it (admins and its responsibles). */
        delete: operations["deleteRegistry"];
        options?: never;
        head?: never;
        /**
         * Changes a registry's settings, groups and public paths (admins and its responsibles). A new `url`
         *     or `insecure` set by a responsible who is not an admin awaits an admin's approval.
         */
        patch: operations["updateRegistry"];
        trace?: never;
    };
    "/api/v1/registries/{id}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pushes and pulls the registry notified, per UTC day (admins and its responsibles). */
        get: operations["getRegistryActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registries/{id}/approve-endpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approves the registry's current `url` and `insecure` (admins): Portcullis then calls it with its
         *     own tokens (discovery, tag deletion). An address a non-admin set waits for this.
         */
        post: operations["approveRegistryEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registries/{id}/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The registry's config.yml and an nginx.conf to put in front of it (admins and its responsibles). */
        get: operations["getRegistryConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registries/{id}/config/rotate-notification-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replaces the registry's notification secret; deploy the returned config.yml. */
        post: operations["rotateNotificationSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registries/{id}/discover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Crawls the registry now and returns what was found (admins and its responsibles): every
         *     repository, or with `mode=due` what the schedule would read.
         */
        post: operations["discoverRegistry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registries/{id}/provision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every file the registry runs with, as a .tar.gz (admins and its responsibles): config.yml,
         *     nginx.conf, a self-signed certificate for its host, the token bundle and a README. A
         *     pull-through cache's upstream password goes in the X-Portcullis-Proxy-Password header.
         */
        get: operations["provisionRegistry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registries/{id}/repositories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The registry's repositories and tags that the caller may pull. */
        get: operations["listRepositories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registries/{id}/repositories/{repository}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A repository and its tags, if the caller may pull it (encode "/" in its name as %2F). */
        get: operations["getRepository"];
        put?: never;
        post?: never;
        /** Deletes every tag of a repository from the registry, and the repository from the catalog. */
        delete: operations["deleteRepository"];
        options?: never;
        head?: never;
        /** Sets a repository's description, official and automated flags (admins and the registry's responsibles). */
        patch: operations["updateRepository"];
        trace?: never;
    };
    "/api/v1/registries/{id}/repositories/{repository}/star": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Stars a repository the caller may pull. */
        put: operations["starRepository"];
        post?: never;
        /** Takes the caller's star back. */
        delete: operations["unstarRepository"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registries/{id}/repositories/{repository}/tags/{tag}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A tag in detail: platforms, layers, history. */
        get: operations["getTag"];
        put?: never;
        post?: never;
        /**
         * Deletes a tag from the registry and the catalog. The registry deletes the manifest, so every
         *     tag sharing its digest goes too: refused unless `force=true`, naming them.
         */
        delete: operations["deleteTag"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/robots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists CI robots. */
        get: operations["listRobots"];
        put?: never;
        /** Creates a robot; its secret is in the answer, once. */
        post: operations["createRobot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/robots/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shows a robot. */
        get: operations["getRobot"];
        put?: never;
        post?: never;
        /** Deletes a robot. */
        delete: operations["deleteRobot"];
        options?: never;
        head?: never;
        /** Changes a robot's permissions or expiry. */
        patch: operations["updateRobot"];
        trace?: never;
    };
    "/api/v1/robots/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revokes the robot until its secret is rotated. */
        post: operations["revokeRobot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/robots/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replaces the secret with a new one, shown once. */
        post: operations["rotateRobotSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists the custom rules in evaluation order. */
        get: operations["listRules"];
        put?: never;
        /** Adds a rule; it is in force within a second on every replica. */
        post: operations["createRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets the evaluation order. */
        put: operations["reorderRules"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shows a rule. */
        get: operations["getRule"];
        put?: never;
        post?: never;
        /** Deletes a rule. */
        delete: operations["deleteRule"];
        options?: never;
        head?: never;
        /** Changes a rule. */
        patch: operations["updateRule"];
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Finds users, groups, apps, registries, repositories and tags; `docker:` limits it to images. */
        get: operations["searchEverything"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists services (app machine identities). */
        get: operations["listServices"];
        put?: never;
        /** Creates a service; its secret is in the answer, once. */
        post: operations["createService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shows a service. */
        get: operations["getService"];
        put?: never;
        post?: never;
        /** Deletes a service. */
        delete: operations["deleteService"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revokes the secret: the service gets no token until rotated. */
        post: operations["revokeService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/services/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replaces the secret with a new one, shown once. */
        post: operations["rotateServiceSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Which nodes and services run an image, by manifest digest or image id: the reports of images in
         *     repositories the caller may pull, and the caller's own.
         */
        get: operations["findImageUsage"];
        put?: never;
        /**
         * A node or service reports the images it runs (the list replaces its previous report). A report
         *     belongs to the account that made it: another account's report is refused (admins excepted).
         */
        post: operations["reportImageUsage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists users. */
        get: operations["listUsers"];
        put?: never;
        /** Creates a local user. */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shows one user. */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /** Deletes a user, its tokens and memberships (its audit history stays). */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /**
         * Changes a user: password, privileges, groups, admin flag, disabled flag. A new password ends the
         *     account's console sessions and docker identity tokens (`passwordChange` says so); its personal
         *     access tokens are kept.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process answers (no database involved: a slow database must not get the replica killed). */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ready for traffic: 200, or 503 naming what is missing. */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Token requests and discovery runs with their latency, and process figures (Prometheus text format). */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registry/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receives a notification envelope (media types `application/vnd.docker.distribution.events.v1+json`
         *     and `…v2+json`), authenticated by the registry's bearer secret from its generated config.yml.
         */
        post: operations["receiveRegistryEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Issues a registry token (token.md). */
        get: operations["getToken"];
        put?: never;
        /** Issues a registry token for an OAuth2 password or refresh-token grant (oauth.md). */
        post: operations["postToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/token/certs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The PEM certificate bundle for the registry's `auth.token.rootcertbundle`. */
        get: operations["getTokenCertificates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AccessTokenDto: {
            createdAt: string;
            expiresAt: string | null;
            id: string;
            lastUsedAt: string | null;
            name: string;
            readOnly: boolean;
            registries: string[];
            userId: number;
        };
        AccessTokenPageDto: {
            items: components["schemas"]["AccessTokenDto"][];
            /** @description Pass as `cursor` for the next page; null on the last one. */
            nextCursor: string | null;
        };
        AccessTokenWithSecretDto: {
            createdAt: string;
            expiresAt: string | null;
            id: string;
            lastUsedAt: string | null;
            name: string;
            readOnly: boolean;
            registries: string[];
            /** @description Shown once. Use it as the password of `docker login`, or as an API bearer token. */
            token: string;
            userId: number;
        };
        ActionDecisionDto: {
            action: string;
            /** @description The clause of the rule book or the custom rule that decided. */
            clause: string;
            granted: boolean;
        };
        ActivityDayDto: {
            /** @description UTC day, YYYY-MM-DD. */
            day: string;
            pulls: number;
            pushes: number;
        };
        ActivityDto: {
            days: components["schemas"]["ActivityDayDto"][];
            registry: string;
        };
        AppDto: {
            createdAt: string;
            id: number;
            name: string;
            publications: string[];
            responsibles: string[];
        };
        AppPageDto: {
            items: components["schemas"]["AppDto"][];
            /** @description Pass as `cursor` for the next page; null on the last one. */
            nextCursor: string | null;
        };
        ApplyConfigDto: {
            /** @description A portcullis.yaml document. */
            yaml: string;
        };
        ApplySummaryDto: {
            /** @description Per kind: names created and updated (unchanged ones are not listed). */
            created: {
                [key: string]: string[];
            };
            /** @description Rules now declared by configuration. */
            rules: number;
            updated: {
                [key: string]: string[];
            };
        };
        AuditEventDto: {
            action: string;
            actor: string;
            actorKind: string;
            address: string | null;
            at: string;
            category: string;
            /** @description Why: the deciding clauses. */
            clause: string | null;
            /**
             * @description How many identical decisions this event stands for: token requests with the same asker,
             *     address, client, registry, scopes and outcome within 200 ms are one event (their token ids in
             *     `detail.jtis`, the first 100; the last one's time in `detail.lastAt`).
             */
            count: number;
            /** @description Requested and granted access for tokens; what changed for changes. */
            detail: {
                [key: string]: unknown;
            };
            id: string;
            outcome: string;
            registry: string | null;
            target: string | null;
            userAgent: string | null;
        };
        AuditPageDto: {
            items: components["schemas"]["AuditEventDto"][];
            /** @description Pass as `cursor` for older events; null on the last page. */
            nextCursor: string | null;
        };
        CrawlResultDto: {
            durationMs: number;
            error?: string;
            /** @description Manifests read because their digest was new or changed. */
            fetched: number;
            /** @description Whether the registry's notifications were trusted, so that only some repositories were read. */
            light: boolean;
            /** @enum {string} */
            mode: "full" | "due";
            ok: boolean;
            registry: string;
            repositories: number;
            tags: number;
            /** @description Repositories whose tags were read. */
            verified: number;
        };
        CreateAccessTokenDto: {
            /** @description RFC 3339 expiry; none when absent. */
            expiresAt?: string;
            /** @description What the token is for, e.g. `laptop` or `gitlab-ci`. */
            name: string;
            /** @description Pull only (and read-only API calls). */
            readOnly?: boolean;
            /** @description Registry services the token is valid for; all when empty or absent. */
            registries?: string[];
        };
        CreateAppDto: {
            /** @description The application code, not all digits: `apps/<name>/` repositories belong to the app. */
            name: string;
            /** @description Groups the app is published to: their members may pull `apps/<name>/`. */
            publications?: string[];
            /** @description Groups that run the app: their members may push `apps/<name>/`. */
            responsibles?: string[];
        };
        CreateGroupDto: {
            /** @description Unique group name, not all digits; `groups/<name>/` repositories belong to its members. */
            name: string;
        };
        CreateRegistryDto: {
            /** @description Repository patterns everyone may pull, signed in or not (e.g. `public/**`). */
            anonymousPull?: string[];
            /**
             * @description The registry runs behind the front Portcullis provisions, its own API reachable on loopback
             *     only: Portcullis answers its catalog with what each asker may pull, so every identity may ask
             *     for `registry:catalog:*`. Declare it only when nothing but the front reaches the registry.
             */
            fronted?: boolean;
            /** @description Skip TLS certificate verification when Portcullis calls the registry. */
            insecure?: boolean;
            /** @description Names of the groups the registry is published to (pull). */
            publications?: string[];
            /** @description Names of the groups responsible for the registry (push elsewhere, catalog, settings). */
            responsibles?: string[];
            /** @description Pushing to users/, groups/ and apps/ needs a responsible group, not only a publication group. */
            restricted?: boolean;
            /** @description The registry's `auth.token.service` value, e.g. `registry.example.com`. Unique. */
            service: string;
            /**
             * Format: uri
             * @description Where Portcullis reaches the registry's API, e.g. `https://registry.example.com`.
             */
            url: string;
        };
        CreateRobotDto: {
            /** @description The app that owns the robot. */
            app: string;
            /** @description RFC 3339 time after which the robot gets nothing. */
            expiresAt?: string;
            /** @description Unique name; the docker login is `robot/<name>`. */
            name: string;
            /** @description What the robot may do; patterns stay inside `apps/<app>/` unless an admin creates it. */
            permissions: components["schemas"]["RobotPermissionDto"][];
            /** @description A secret of your choosing (8 to 1024 characters); generated when absent. */
            secret?: string;
        };
        CreateRuleDto: {
            /** @description Granted actions: `["*"]` everything requested, `[]` an explicit deny. */
            actions: string[];
            /** @description Why the rule exists. */
            comment?: string;
            match: components["schemas"]["RuleMatchDto"];
            /** @description 0-based place in the list; the end when absent. */
            position?: number;
        };
        CreateServiceDto: {
            /** @description The app whose `apps/<app>/` repositories the service pulls. */
            app: string;
            /** @description Unique name; the docker login is `service/<name>`. */
            name: string;
            /** @description A secret of your choosing (8 to 1024 characters); generated when absent. */
            secret?: string;
        };
        CreateUserDto: {
            /** @description A disabled user can neither sign in nor get tokens. */
            disabled?: boolean;
            /**
             * Format: email
             * @description Contact address.
             */
            email?: string;
            /** @description Names of the groups the user is a member of. */
            groups?: string[];
            /** @description System administrator: bypasses every access rule. */
            isAdmin?: boolean;
            /**
             * @description Login name: lower-case letters, digits, '.', '_' and '-', 1 to 64 characters, not all digits
             *     (never `service/…` or `robot/…`).
             */
            name: string;
            /** @description Password, 8 to 1024 characters. Give either this or `passwordHash`. */
            password?: string;
            /** @description An argon2id or bcrypt (`$2y$`, `$2a$`, `$2b$`) hash, e.g. from htpasswd; bcrypt is upgraded at the next sign-in. */
            passwordHash?: string;
            /** @description Name of the primary group (a membership too); a registry the user declares is given to it. */
            primaryGroup?: string;
            /** @description Registry privileges. */
            privileges?: ("DockerRegistriesManager" | "DockerRegistriesPusher" | "DockerRegistriesPuller")[];
        };
        DeletedTagsDto: {
            digest: string;
            /** @description Every tag that pointed at the deleted manifest. */
            tags: string[];
        };
        ErrorResponseDto: {
            /** @description Stable machine-readable code, e.g. `REGISTRY_NOT_FOUND`. */
            code: string;
            /** @description Quote it when reporting a problem: it finds the request in the server log. */
            correlationId: string;
            /** @description What went wrong, for people. */
            message: string;
            /** @description HTTP status. */
            statusCode: number;
        };
        ExplainAccessDto: {
            /**
             * Format: uuid
             * @description Explain as this personal access token of the account (its narrowing applies).
             */
            accessTokenId?: string;
            /** @description Login name to explain: `alice`, `service/web1`, `robot/ci-shop`, or `""` for anonymous. */
            account: string;
            /** @description The client address, for rules with an `ip` match. */
            ip?: string;
            /** @description Scopes as a client would send them: `repository:apps/shop/web:pull,push`. */
            scope: string[];
            /** @description The registry's service. */
            service: string;
        };
        ExplainedAccessDto: {
            /** @description `plugin` for `repository(plugin)`. */
            class?: string;
            decisions: components["schemas"]["ActionDecisionDto"][];
            /** @description Exactly the actions a token would carry for this resource. */
            granted: string[];
            name: string;
            requested: string[];
            type: string;
        };
        ExplanationDto: {
            access: {
                actions: string[];
                class?: string;
                name: string;
                type: string;
            }[];
            account: string;
            /** @description user, service, robot or anonymous. */
            kind: string;
            resources: components["schemas"]["ExplainedAccessDto"][];
            service: string;
        };
        GroupDto: {
            createdAt: string;
            id: number;
            memberCount: number;
            name: string;
        };
        GroupPageDto: {
            items: components["schemas"]["GroupDto"][];
            /** @description Pass as `cursor` for the next page; null on the last one. */
            nextCursor: string | null;
        };
        HealthDto: Record<string, never>;
        ImportDockerAuthDto: {
            /** @description A docker_auth configuration (YAML): its `users` and static `acl` are imported. */
            yaml: string;
        };
        ImportHtpasswdDto: {
            /** @description The content of an htpasswd file (bcrypt entries). */
            htpasswd: string;
        };
        JobDto: {
            /** @description Who started it. */
            actor: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Units of the current phase done so far. */
            done: number;
            /** @description When it failed: the error the synchronous call would have answered. */
            error: components["schemas"]["ErrorResponseDto"] | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** @example 6f1c2a9e-3d4b-4c8e-9a51-0b7e2d9f4a13 */
            id: string;
            kind: components["schemas"]["JobKind"];
            /**
             * @description What it is doing now (e.g. "hashing secrets", "crawling repositories"); once it ended, what it did last.
             * @example crawling repositories
             */
            phase: string;
            /** @description What the synchronous call would have answered: an ApplySummary for config.*, a CrawlResult for registry.discover. */
            result: (components["schemas"]["ApplySummaryDto"] | components["schemas"]["CrawlResultDto"]) | null;
            state: components["schemas"]["JobState"];
            /** @description Units of the current phase, when known. */
            total: number | null;
            /**
             * Format: date-time
             * @description When it last reported progress (the running replica beats it every few seconds).
             */
            updatedAt: string;
        };
        /** @enum {string} */
        JobKind: "config.apply" | "config.import" | "registry.discover";
        /** @enum {string} */
        JobState: "running" | "succeeded" | "failed";
        JwkDto: {
            /** @description `ES256` or `RS256`. */
            alg: string;
            /** @description EC curve, e.g. `P-256`. */
            crv?: string;
            /** @description RSA exponent. */
            e?: string;
            /** @description libtrust key id, as tokens carry it in their `kid`. */
            kid: string;
            /** @description `EC` or `RSA`. */
            kty: string;
            /** @description RSA modulus. */
            n?: string;
            use: string;
            x?: string;
            /** @description The key's certificate (base64 DER). */
            x5c: string[];
            y?: string;
        };
        JwksDto: {
            keys: components["schemas"]["JwkDto"][];
        };
        LiveDto: Record<string, never>;
        LoginDto: {
            /**
             * @description The second factor, for accounts with two-factor sign-in: a 6-digit code of the authenticator
             *     app, or a recovery code. Without it such an account is answered 401 `TWO_FACTOR_REQUIRED`.
             */
            code?: string;
            /**
             * @description For browsers: the refresh token comes as an `HttpOnly` cookie for the refresh route instead of
             *     in the answer (see POST /api/v1/auth/refresh).
             */
            cookie?: boolean;
            /** @description Password. */
            password: string;
            /** @description Login name. */
            username: string;
        };
        LogoutDto: {
            /**
             * @description The refresh token of the session to end, or a personal access token to revoke. Without it,
             *     the session (or personal access token) of the `Authorization: Bearer` header ends.
             */
            refreshToken?: string;
        };
        MeDto: {
            /** @description Every group, the primary one included. */
            groups: string[];
            id: number;
            isAdmin: boolean;
            name: string;
            privileges: components["schemas"]["Privilege"][];
            /** @description Set when the caller signed in with a personal access token: its name and limits. */
            token: components["schemas"]["MeTokenDto"] | null;
            /** @description Two-factor sign-in is on for this account. */
            twoFactor: boolean;
            /** @description Two-factor sign-in is required of this account and not set up: the session may only enrol. */
            twoFactorEnrolmentRequired: boolean;
        };
        MeTokenDto: {
            id: string;
            name: string;
            /** @description Pull only. */
            readOnly: boolean;
            /** @description Registry services it is valid for; null for all. */
            registries: string[] | null;
        };
        NotificationOutcomeDto: Record<string, never>;
        OidcProviderDto: {
            /** @description The provider's name for the sign-in button. */
            label: string;
            /** @description Where the browser goes to sign in through it (add `?returnUrl=/path`). */
            startUrl: string;
        };
        PasswordChangeDto: {
            /** @description Its personal access tokens still work: revoke them too if the password was stolen. */
            personalAccessTokensKept: number;
            /** @description The account's console sessions and docker identity tokens ended with the old password. */
            sessionsEnded: boolean;
        };
        /** @enum {string} */
        Privilege: "DockerRegistriesManager" | "DockerRegistriesPusher" | "DockerRegistriesPuller";
        ReadyDto: Record<string, never>;
        RecoveryCodesDto: {
            /** @description One-use codes that stand in for the authenticator: shown this once. */
            recoveryCodes: string[];
        };
        RefreshSessionDto: {
            /**
             * @description The refresh token of the session. Without it, the browser's session cookie is used, and the
             *     request must carry the `X-Portcullis-Session` header.
             */
            refreshToken?: string;
        };
        RefreshTokenDto: {
            /** @description The `client_id` the client sent (`docker`, `containerd-client`, …). */
            clientId: string | null;
            createdAt: string;
            id: string;
            lastUsedAt: string | null;
            /** @description The registry service the token was issued for. */
            service: string;
            userId: number;
        };
        RefreshTokenPageDto: {
            items: components["schemas"]["RefreshTokenDto"][];
            /** @description Pass as `cursor` for the next page; null on the last one. */
            nextCursor: string | null;
        };
        RegisterDto: {
            /**
             * Format: email
             * @description Contact address.
             */
            email?: string;
            /** @description Login name: lower-case letters, digits, '.', '_' and '-', 1 to 64 characters, not all digits. */
            name: string;
            /** @description Password, 8 to 1024 characters. */
            password: string;
        };
        RegistryConfigDto: {
            /** @description The registry's config.yml (contains its notification secret: keep it private). */
            configYml: string;
            /** @description An nginx server block sending docker search to Portcullis and the rest to the registry. */
            nginxConf: string;
        };
        RegistryDto: {
            anonymousPull: string[];
            createdAt: string;
            /** @description Discovery: `unknown` (never crawled), `ok` or `down`. */
            discoveryState: string;
            /**
             * @description Whether an admin set or approved `url` and `insecure`. Portcullis calls the registry with its
             *     own tokens (discovery, tag deletion) only then.
             */
            endpointApproved: boolean;
            endpointApprovedAt: string | null;
            /** @description The admin who approved it (admins and responsibles only). */
            endpointApprovedBy: string | null;
            fronted: boolean;
            id: number;
            insecure: boolean;
            lastDiscoveryAt: string | null;
            /** @description Why the last crawl failed: a status and a short reason, shown to admins and responsibles only. */
            lastDiscoveryError: string | null;
            lastDiscoveryMs: number | null;
            nextDiscoveryAt: string | null;
            publications: string[];
            repositoryCount: number;
            responsibles: string[];
            restricted: boolean;
            service: string;
            updatedAt: string;
            url: string;
        };
        RegistryPageDto: {
            items: components["schemas"]["RegistryDto"][];
            /** @description Pass as `cursor` for the next page; null on the last one. */
            nextCursor: string | null;
        };
        ReorderRulesDto: {
            /** @description Every rule id, in the new order. */
            ids: number[];
        };
        RepositoryDto: {
            automated: boolean;
            description: string;
            firstSeenAt: string;
            id: number;
            lastPulledAt: string | null;
            lastSeenAt: string;
            name: string;
            official: boolean;
            pullCount: number;
            starCount: number;
            tags: components["schemas"]["TagDto"][];
        };
        RepositoryPageDto: {
            items: components["schemas"]["RepositoryDto"][];
            /** @description Pass as `cursor` for the next page; null on the last one. */
            nextCursor: string | null;
        };
        RobotDto: {
            app: string;
            createdAt: string;
            expiresAt: string | null;
            id: number;
            lastUsedAt: string | null;
            login: string;
            name: string;
            permissions: components["schemas"]["RobotPermissionDto"][];
            revoked: boolean;
        };
        RobotPageDto: {
            items: components["schemas"]["RobotDto"][];
            /** @description Pass as `cursor` for the next page; null on the last one. */
            nextCursor: string | null;
        };
        RobotPermissionDto: {
            /** @description Actions on matching repositories: pull, push, delete, or `*` for all. */
            actions: ("pull" | "push" | "delete" | "*")[];
            /** @description Repository pattern: a glob (`*` one segment, `**` any depth) or an anchored `/regex/`. */
            repositories: string;
        };
        RobotWithSecretDto: {
            app: string;
            createdAt: string;
            expiresAt: string | null;
            id: number;
            lastUsedAt: string | null;
            login: string;
            name: string;
            permissions: components["schemas"]["RobotPermissionDto"][];
            revoked: boolean;
            /** @description Shown once: store it now (e.g. as a CI secret). */
            secret: string;
        };
        RuleDto: {
            actions: string[];
            comment: string | null;
            id: number;
            match: components["schemas"]["RuleMatchDto"];
            position: number;
            updatedAt: string;
        };
        RuleMatchDto: {
            /** @description Login name pattern (`alice`, `service/*`, `robot/ci-*`, `/^$/` for anonymous). */
            account?: string;
            /** @description Pattern over each of the user's group names. */
            group?: string;
            /** @description Client address or CIDR range. */
            ip?: string;
            /**
             * @description Kind of identity.
             * @enum {string}
             */
            kind?: "user" | "service" | "robot" | "anonymous";
            /** @description Resource name pattern (`releases/**`, `catalog`). */
            name?: string;
            /** @description Registry service pattern. */
            service?: string;
            /** @description Resource type pattern: `repository` or `registry`. */
            type?: string;
        };
        RulePageDto: {
            items: components["schemas"]["RuleDto"][];
            /** @description Pass as `cursor` for the next page; null on the last one. */
            nextCursor: string | null;
        };
        SearchHitDto: {
            id: number;
            /** @description user, group, app, registry, repository or tag. */
            kind: string;
            name: string;
            /** @description 0 exact, 1 prefix, 2 substring. */
            rank: number;
            /** @description For repositories and tags: the registry's service. */
            registry: string | null;
            /** @description For tags: their repository. */
            repository: string | null;
        };
        SearchResultsDto: {
            items: components["schemas"]["SearchHitDto"][];
            query: string;
        };
        ServiceDto: {
            app: string;
            createdAt: string;
            id: number;
            lastUsedAt: string | null;
            /** @description The docker login name. */
            login: string;
            name: string;
            revoked: boolean;
        };
        ServicePageDto: {
            items: components["schemas"]["ServiceDto"][];
            /** @description Pass as `cursor` for the next page; null on the last one. */
            nextCursor: string | null;
        };
        ServiceWithSecretDto: {
            app: string;
            createdAt: string;
            id: number;
            lastUsedAt: string | null;
            /** @description The docker login name. */
            login: string;
            name: string;
            revoked: boolean;
            /** @description Shown once: store it now. */
            secret: string;
        };
        SessionDto: {
            /** @description Send it as `Authorization: Bearer <accessToken>`. */
            accessToken: string;
            /** @description Seconds until the access token expires. */
            expiresIn: number;
            /**
             * @description Exchange it at POST /api/v1/auth/refresh for new tokens (it works once: it rotates). Absent
             *     when the session was asked for with `cookie: true`: the browser holds it in a cookie.
             */
            refreshToken?: string;
            /** @enum {string} */
            tokenType: "Bearer";
        };
        SignInOptionsDto: {
            /** @description OpenID Connect, when configured. */
            oidc: components["schemas"]["OidcProviderDto"] | null;
        };
        SignInSettingsDto: {
            /** @description Local accounts must sign in to the console with a second factor (TOTP). */
            twoFactorRequired: boolean;
        };
        StarDto: {
            starCount: number;
            starred: boolean;
        };
        TagDetailDto: {
            created: string | null;
            digest: string;
            firstSeenAt: string;
            history: {
                comment?: string;
                created?: string;
                created_by?: string;
                empty_layer?: boolean;
            }[];
            lastSeenAt: string;
            layers: {
                digest: string;
                mediaType: string;
                size: number;
            }[];
            mediaType: string;
            name: string;
            platforms: {
                architecture: string;
                digest: string;
                os: string;
                variant?: string;
            }[];
            size: number;
        };
        TagDto: {
            created: string | null;
            digest: string;
            mediaType: string;
            name: string;
            platforms: {
                architecture: string;
                digest: string;
                os: string;
                variant?: string;
            }[];
            size: number;
        };
        TokenFormDto: {
            /** @description `offline` asks for a refresh token. */
            access_type?: string;
            /** @description Free text naming the client, for auditing. */
            client_id?: string;
            /** @description `password` or `refresh_token`. */
            grant_type: string;
            password?: string;
            refresh_token?: string;
            /** @description Space-separated resource scopes; the field may also repeat. */
            scope?: string;
            /** @description The registry's service name. */
            service: string;
            username?: string;
        };
        TokenResponseDto: {
            /** @description The same token, under the OAuth2 name. */
            access_token: string;
            /** @description Seconds the token stays valid: an integer, as Go clients decode it into `int`. */
            expires_in: number;
            /** @description RFC 3339 issue time. */
            issued_at: string;
            /** @description Sent only when asked for (`offline_token=true`, `access_type=offline`). */
            refresh_token?: string;
            /**
             * @description The access granted, space-separated in the scope grammar (`repository:team/app:pull,push`),
             *     as OAuth2 answers it; absent when nothing was granted.
             */
            scope?: string;
            /** @description The registry bearer token (a JWT). */
            token: string;
        };
        TwoFactorCodeDto: {
            /** @description A 6-digit code of the authenticator app, or a recovery code. */
            code: string;
        };
        TwoFactorEnrolmentDto: {
            /** @description The `otpauth://` URI the QR code holds. */
            otpauthUrl: string;
            /** @description The QR code, an SVG document. */
            qrSvg: string;
            /** @description The secret in base32, to type into an authenticator app by hand. */
            secret: string;
        };
        TwoFactorStatusDto: {
            /** @description Two-factor sign-in is on. */
            enabled: boolean;
            /** @description It is required of this account, which has none yet: its session may only enrol. */
            enrolmentRequired: boolean;
            /** @description Recovery codes not used yet. */
            recoveryCodesLeft: number;
        };
        UpdateAppDto: {
            /** @description New application code (not all digits). */
            name?: string;
            /** @description Replaces the publication groups. */
            publications?: string[];
            /** @description Replaces the responsible groups. */
            responsibles?: string[];
        };
        UpdateRegistryDto: {
            /** @description Repository patterns everyone may pull, signed in or not (e.g. `public/**`). */
            anonymousPull?: string[];
            /**
             * @description The registry runs behind the front Portcullis provisions, its own API reachable on loopback
             *     only: Portcullis answers its catalog with what each asker may pull, so every identity may ask
             *     for `registry:catalog:*`. Declare it only when nothing but the front reaches the registry.
             */
            fronted?: boolean;
            /** @description Skip TLS certificate verification when Portcullis calls the registry. */
            insecure?: boolean;
            /** @description Names of the groups the registry is published to (pull). */
            publications?: string[];
            /** @description Names of the groups responsible for the registry (push elsewhere, catalog, settings). */
            responsibles?: string[];
            /** @description Pushing to users/, groups/ and apps/ needs a responsible group, not only a publication group. */
            restricted?: boolean;
            /**
             * Format: uri
             * @description Where Portcullis reaches the registry's API.
             */
            url?: string;
        };
        UpdateRepositoryDto: {
            /** @description The automated flag (deprecated by docker, still shown). */
            automated?: boolean;
            /** @description Shown by `docker search` and the console. */
            description?: string;
            /** @description The official flag `docker search --filter is-official` reads. */
            official?: boolean;
        };
        UpdateRobotDto: {
            /** @description RFC 3339 expiry, or null for none. */
            expiresAt?: string | null;
            /** @description Replaces the permission list. */
            permissions?: components["schemas"]["RobotPermissionDto"][];
        };
        UpdateRuleDto: {
            actions?: string[];
            comment?: string;
            match?: components["schemas"]["RuleMatchDto"];
        };
        UpdateUserDto: {
            /** @description A disabled user can neither sign in nor get tokens. */
            disabled?: boolean;
            /**
             * Format: email
             * @description Contact address.
             */
            email?: string;
            /** @description Names of the groups the user is a member of. */
            groups?: string[];
            /** @description System administrator: bypasses every access rule. */
            isAdmin?: boolean;
            /** @description A new password (local accounts only). */
            password?: string;
            /** @description Name of the primary group (a membership too); a registry the user declares is given to it. */
            primaryGroup?: string;
            /** @description Registry privileges. */
            privileges?: ("DockerRegistriesManager" | "DockerRegistriesPusher" | "DockerRegistriesPuller")[];
            /**
             * @description Moves the account to another sign-in source: `local` (needs `password` unless it has one),
             *     `ldap` (the directory's password from then on; needs LDAP_URL) or `oidc` (console sign-in
             *     through the provider; needs OIDC_ISSUER). Its groups, tokens and audit history stay; memberships the old source kept become
             *     an administrator's.
             * @enum {string}
             */
            source?: "local" | "ldap" | "oidc";
        };
        UpdatedUserDto: {
            /** @description RFC 3339 creation time. */
            createdAt: string;
            disabled: boolean;
            email: string | null;
            /** @description Every group, the primary one included. */
            groups: string[];
            id: number;
            isAdmin: boolean;
            name: string;
            passwordChange?: components["schemas"]["PasswordChangeDto"];
            primaryGroup: string | null;
            privileges: ("DockerRegistriesManager" | "DockerRegistriesPusher" | "DockerRegistriesPuller")[];
            /**
             * @description Where the account signs in.
             * @enum {string}
             */
            source: "local" | "ldap" | "oidc";
            /** @description The source no longer has the account (or its filter leaves it out): disabled until it has. */
            sourceDisabled: boolean;
            /** @description The groups whose membership the sign-in source keeps (the directory's groups). */
            syncedGroups: string[];
        };
        UsageDto: {
            digest: string | null;
            imageId: string | null;
            kind: string;
            reference: string;
            reportedAt: string;
            reporter: string;
        };
        UsageReportDto: {
            /** @description Everything it runs now: the list replaces the previous report. */
            images: components["schemas"]["UsedImageDto"][];
            /**
             * @description A node or a service.
             * @enum {string}
             */
            kind: "node" | "service";
            /** @description Its name (node host name, or service name). */
            reporter: string;
        };
        UsageReportResultDto: {
            images: number;
            kind: string;
            reporter: string;
        };
        UsedImageDto: {
            /** @description Manifest digest. */
            digest?: string;
            /** @description Image id (the config digest), as `docker ps`/`podman ps` show it. */
            imageId?: string;
            /** @description The image as the reporter runs it, e.g. `registry.example.com/apps/shop/web:1.2`. */
            reference: string;
        };
        UserDto: {
            /** @description RFC 3339 creation time. */
            createdAt: string;
            disabled: boolean;
            email: string | null;
            /** @description Every group, the primary one included. */
            groups: string[];
            id: number;
            isAdmin: boolean;
            name: string;
            primaryGroup: string | null;
            privileges: ("DockerRegistriesManager" | "DockerRegistriesPusher" | "DockerRegistriesPuller")[];
            /**
             * @description Where the account signs in.
             * @enum {string}
             */
            source: "local" | "ldap" | "oidc";
            /** @description The source no longer has the account (or its filter leaves it out): disabled until it has. */
            sourceDisabled: boolean;
            /** @description The groups whose membership the sign-in source keeps (the directory's groups). */
            syncedGroups: string[];
        };
        UserPageDto: {
            items: components["schemas"]["UserDto"][];
            /** @description Pass as `cursor` for the next page; null on the last one. */
            nextCursor: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description RFC 7517 key set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JwksDto"];
                };
            };
        };
    };
    listAccessTokens: {
        parameters: {
            query?: {
                /** @description The order: a field, `-` in front for descending (default `-createdAt`). */
                sort?: "-createdAt" | "createdAt" | "name" | "-name";
                /** @description Only those whose name contains this, in any case. */
                q?: string;
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                /** @description The `nextCursor` of the previous page (with the same `sort`). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessTokenPageDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    createAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAccessTokenDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessTokenWithSecretDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    revokeAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    rotateAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessTokenWithSecretDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    explainAccess: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExplainAccessDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExplanationDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listApps: {
        parameters: {
            query?: {
                /** @description The order: a field, `-` in front for descending (default `name`). */
                sort?: "name" | "-name" | "id" | "-id" | "createdAt" | "-createdAt";
                /** @description Only those whose name contains this, in any case. */
                q?: string;
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                /** @description The `nextCursor` of the previous page (with the same `sort`). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppPageDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    createApp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAppDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    updateApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAppDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description `token` decisions, `change`s to objects, or `login`s. */
                category?: "token" | "change" | "login";
                /** @description Login name of who acted (`alice`, `service/web1`, `robot/ci`). */
                actor?: string;
                /** @description Registry service. */
                registry?: string;
                /** @description `granted`, `partial`, `denied`, `refused` (bad credentials), `ok` or `failed`. */
                outcome?: "granted" | "partial" | "denied" | "refused" | "ok" | "failed";
                /** @description e.g. `token.issue`, `rule.update`. */
                action?: string;
                /** @description RFC 3339: events at or after. */
                since?: string;
                /** @description RFC 3339: events before. */
                until?: string;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Page size, 1 to 500. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LogoutDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Neither a token in the body nor a bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    finishOidcSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect to the console, signed in, or to its sign-in page with the reason */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    startOidcSignIn: {
        parameters: {
            query?: {
                returnUrl?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect to the provider's authorization endpoint */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    signInOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInOptionsDto"];
                };
            };
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required (any value) when the refresh token comes from the session cookie, not the body */
                "X-Portcullis-Session"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshSessionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A cookie refresh without X-Portcullis-Session */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description Registration is closed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getTwoFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TwoFactorStatusDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    confirmTwoFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TwoFactorCodeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodesDto"];
                };
            };
            /** @description Wrong code */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    disableTwoFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TwoFactorCodeDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Wrong code */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    enrolTwoFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TwoFactorEnrolmentDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Two-factor sign-in is already on */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getSignInSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInSettingsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    setSignInSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInSettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInSettingsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    resetTwoFactor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    applyConfig: {
        parameters: {
            query?: never;
            header?: {
                /** @description `respond-async` to get 202 and a job at once (its `Location`), and poll GET /api/v1/jobs/{id} for progress and result */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApplyConfigDto"];
            };
        };
        responses: {
            /** @description Done within the request */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplySummaryDto"];
                };
            };
            /** @description Started as a job (with `Prefer: respond-async`) */
            202: {
                headers: {
                    /** @description The job: /api/v1/jobs/{id} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    importDockerAuth: {
        parameters: {
            query?: never;
            header?: {
                /** @description `respond-async` to get 202 and a job at once (its `Location`), and poll GET /api/v1/jobs/{id} for progress and result */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportDockerAuthDto"];
            };
        };
        responses: {
            /** @description Done within the request */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplySummaryDto"];
                };
            };
            /** @description Started as a job (with `Prefer: respond-async`) */
            202: {
                headers: {
                    /** @description The job: /api/v1/jobs/{id} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    importHtpasswd: {
        parameters: {
            query?: never;
            header?: {
                /** @description `respond-async` to get 202 and a job at once (its `Location`), and poll GET /api/v1/jobs/{id} for progress and result */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportHtpasswdDto"];
            };
        };
        responses: {
            /** @description Done within the request */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplySummaryDto"];
                };
            };
            /** @description Started as a job (with `Prefer: respond-async`) */
            202: {
                headers: {
                    /** @description The job: /api/v1/jobs/{id} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listGroups: {
        parameters: {
            query?: {
                /** @description The order: a field, `-` in front for descending (default `name`). */
                sort?: "name" | "-name" | "id" | "-id" | "createdAt" | "-createdAt";
                /** @description Only those whose name contains this, in any case. */
                q?: string;
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                /** @description The `nextCursor` of the previous page (with the same `sort`). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupPageDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGroupDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    renameGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGroupDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listRefreshTokens: {
        parameters: {
            query?: {
                /** @description The order: a field, `-` in front for descending (default `-createdAt`). */
                sort?: "-createdAt" | "createdAt";
                /** @description Only the tokens of this registry service. */
                service?: string;
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                /** @description The `nextCursor` of the previous page (with the same `sort`). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefreshTokenPageDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    revokeRefreshToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listRegistries: {
        parameters: {
            query?: {
                /** @description The order: a field, `-` in front for descending (default `service`). */
                sort?: "service" | "-service" | "id" | "-id" | "createdAt" | "-createdAt";
                /** @description Only those whose name contains this, in any case. */
                q?: string;
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                /** @description The `nextCursor` of the previous page (with the same `sort`). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryPageDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    createRegistry: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRegistryDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The service name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getRegistry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteRegistry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    updateRegistry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRegistryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getRegistryActivity: {
        parameters: {
            query?: {
                /** @description How many days back, today included (1 to 366, default 30). */
                days?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    approveRegistryEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getRegistryConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryConfigDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    rotateNotificationSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryConfigDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    discoverRegistry: {
        parameters: {
            query?: {
                /**
                 * @description full (default): every repository's tags are read. due: what the schedule reads; for a
                 *     registry whose notifications arrive, only new repositories and those due for re-reading.
                 */
                mode?: "full" | "due";
            };
            header?: {
                /** @description `respond-async` to get 202 and a job at once (its `Location`), and poll GET /api/v1/jobs/{id} for progress and result */
                Prefer?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done within the request */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawlResultDto"];
                };
            };
            /** @description Started as a job (with `Prefer: respond-async`) */
            202: {
                headers: {
                    /** @description The job: /api/v1/jobs/{id} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Another crawl is running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    provisionRegistry: {
        parameters: {
            query?: {
                /** @description The absolute directory the files will be in (config.yml names its bundle there); default /etc/docker/registry. */
                dir?: string;
                /** @description The loopback address the registry itself listens on, behind nginx; default 127.0.0.1:5000. */
                registryListen?: string;
                /** @description Where the registry stores images; default /var/lib/registry (Debian's package: /var/lib/docker-registry). */
                storage?: string;
                /** @description Provisions a pull-through cache of this upstream registry (its URL) instead. */
                proxyRemote?: string;
                /** @description The upstream registry's user (its password: the X-Portcullis-Proxy-Password header). */
                proxyUsername?: string;
            };
            header?: {
                /** @description The upstream registry's password */
                "X-Portcullis-Proxy-Password"?: string;
            };
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A .tar.gz of the registry's directory */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": string;
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listRepositories: {
        parameters: {
            query?: {
                /** @description Only repositories whose name contains this. */
                q?: string;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Page size, 1 to 100. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RepositoryPageDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getRepository: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                repository: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RepositoryDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteRepository: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                repository: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletedTagsDto"][];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    updateRepository: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                repository: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRepositoryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RepositoryDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    starRepository: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                repository: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StarDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    unstarRepository: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                repository: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StarDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getTag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                repository: string;
                tag: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagDetailDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteTag: {
        parameters: {
            query?: {
                force?: boolean;
            };
            header?: never;
            path: {
                id: number;
                repository: string;
                tag: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletedTagsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Other tags share the digest, or the registry has deletion disabled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listRobots: {
        parameters: {
            query?: {
                /** @description The order: a field, `-` in front for descending (default `name`). */
                sort?: "name" | "-name" | "id" | "-id" | "createdAt" | "-createdAt";
                /** @description Only those of this app. */
                app?: string;
                /** @description Only revoked (`true`) or usable (`false`) ones. */
                revoked?: boolean;
                /** @description Only those whose name contains this, in any case. */
                q?: string;
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                /** @description The `nextCursor` of the previous page (with the same `sort`). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RobotPageDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    createRobot: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRobotDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RobotWithSecretDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getRobot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RobotDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteRobot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    updateRobot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRobotDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RobotDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    revokeRobot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RobotDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    rotateRobotSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RobotWithSecretDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listRules: {
        parameters: {
            query?: {
                /** @description The order: a field, `-` in front for descending (default `position`). */
                sort?: "position" | "id" | "-id";
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                /** @description The `nextCursor` of the previous page (with the same `sort`). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RulePageDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    createRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRuleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    reorderRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReorderRulesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleDto"][];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    updateRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRuleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    searchEverything: {
        parameters: {
            query: {
                /** @description What to look for; `docker:` in front limits the search to repositories and tags. */
                q: string;
                /** @description At most this many results, 1 to 100. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResultsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listServices: {
        parameters: {
            query?: {
                /** @description The order: a field, `-` in front for descending (default `name`). */
                sort?: "name" | "-name" | "id" | "-id" | "createdAt" | "-createdAt";
                /** @description Only those of this app. */
                app?: string;
                /** @description Only revoked (`true`) or usable (`false`) ones. */
                revoked?: boolean;
                /** @description Only those whose name contains this, in any case. */
                q?: string;
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                /** @description The `nextCursor` of the previous page (with the same `sort`). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServicePageDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    createService: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateServiceDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceWithSecretDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    revokeService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    rotateServiceSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceWithSecretDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    findImageUsage: {
        parameters: {
            query?: {
                /** @description Manifest digest to look for. */
                digest?: string;
                /** @description Image id to look for. */
                imageId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageDto"][];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    reportImageUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UsageReportDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReportResultDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description The order: a field, `-` in front for descending (default `id`). */
                sort?: "id" | "-id" | "name" | "-name" | "createdAt" | "-createdAt";
                /** @description Only disabled (`true`) or enabled (`false`) users. */
                disabled?: boolean;
                /** @description Only admins (`true`) or non-admins (`false`). */
                isAdmin?: boolean;
                /** @description Only members of this group (the primary group counts). */
                group?: string;
                /** @description Only those whose name contains this, in any case. */
                q?: string;
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                /** @description The `nextCursor` of the previous page (with the same `sort`). */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The name is taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpdatedUserDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveDto"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadyDto"];
                };
            };
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadyDto"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description METRICS_TOKEN is set and was not sent */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    receiveRegistryEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationOutcomeDto"];
                };
            };
            /** @description Not a registry secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getToken: {
        parameters: {
            query: {
                client_id?: unknown;
                /** @description `true` asks for a refresh token */
                offline_token?: unknown;
                account?: unknown;
                /** @description type:name:actions, repeatable */
                scope?: unknown[];
                /** @description The registry's auth.token.service */
                service: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponseDto"];
                };
            };
            /** @description Malformed request, bad scope or unknown service */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Wrong credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    postToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenFormDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponseDto"];
                };
            };
            /** @description Malformed request, unsupported grant, bad scope or unknown service */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Wrong credentials or refresh token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getTokenCertificates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description PEM certificates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-pem-file": string;
                };
            };
        };
    };
}
