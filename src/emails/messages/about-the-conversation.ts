/** What every email to a candidate about their booked conversation says of it. */
export interface AboutTheConversation {
  candidateName: string
  /** "Monday 2 March 2026, 9:30am to 10:15am (UK time)", on the candidate's clock */
  when: string
  /** "Alex will phone you on …", "By video", … */
  contactLine: string
  /** Shown beside contactLine as a link to join, when there is one. */
  videoLink: string | null
  coachFirstName: string
  reference: string
  /** A personal link to their booking page */
  manageUrl: string
}
