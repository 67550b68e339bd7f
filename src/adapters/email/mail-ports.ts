/** An e-mail to one person: a subject and an HTML body already made safe (render-email.ts). */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
}

/** Sends e-mail from the Lab's mailbox; fails with the transport's error (Graph's status and Retry-After). */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

/** Finds the e-mail address of a person by Entra id; undefined when nobody knows it. */
export interface AddressBook {
  findEmail(aadId: string): Promise<string | undefined>;
}
