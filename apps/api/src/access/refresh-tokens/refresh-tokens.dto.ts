export class RefreshTokenDto {
  id!: string;
  userId!: number;
  /** The registry service the token was issued for. */
  service!: string;
  /** The `client_id` the client sent (`docker`, `containerd-client`, …). */
  clientId!: string | null;
  createdAt!: string;
  lastUsedAt!: string | null;
}
