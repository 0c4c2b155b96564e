/**
 * The audit actions of two-factor sign-in, password links and staff
 * accounts (the sign-in ones are AuditActions in ../audit/events.ts).
 * Details carry ids, roles, counts and reasons: never a code, a token or an
 * email address.
 */
export const StaffAuditActions = {
  twoFactorSetUp: 'staff.two_factor.set_up',
  /** A wrong two-factor or recovery code, at sign-in or when changing two-factor settings. */
  twoFactorFailed: 'staff.two_factor.failed',
  recoveryCodeUsed: 'staff.two_factor.recovery_code_used',
  recoveryCodesReplaced: 'staff.two_factor.recovery_codes_replaced',
  twoFactorTurnedOff: 'staff.two_factor.turned_off',
  /** An admin removed someone's two-factor (a lost phone): they set it up again at their next sign-in. */
  twoFactorReset: 'staff.two_factor.reset',
  passwordResetRequested: 'staff.password_reset_requested',
  passwordLinkUsed: 'staff.password_link_used',
  accountCreated: 'staff.account_created',
  roleChanged: 'staff.role_changed',
  accountDeactivated: 'staff.account_deactivated',
  accountReactivated: 'staff.account_reactivated',
  /** Which (open) programmes a coach coaches on: details hold the programme ids added and removed. */
  programmesChanged: 'staff.programmes_changed',
} as const
