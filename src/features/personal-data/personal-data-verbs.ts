/** The card verbs of personal data: "my data", its download link, and erasure with confirmation. */
export const PersonalDataVerbs = {
  show: 'mydata.show',
  link: 'mydata.link',
  askErase: 'mydata.askErase',
  erase: 'mydata.erase',
  decide: 'mydata.decide',
} as const;
