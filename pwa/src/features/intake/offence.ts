import type { OffenceInput } from '../../gql/graphql';

/** What happened, as the intake forms hold it ('' for "not answered"). */
export interface OffenceDraft {
  offenceCategory: string;
  hateCrime: boolean;
  summary: string;
  reportedToPolice: '' | 'yes' | 'no' | 'unsure';
  crimeReference: string;
  proceedingsStage: string;
  area: string;
  areaDetail: string;
  originatingArea: string;
}

export function emptyOffence(): OffenceDraft {
  return {
    offenceCategory: '',
    hateCrime: false,
    summary: '',
    reportedToPolice: '',
    crimeReference: '',
    proceedingsStage: '',
    area: '',
    areaDetail: '',
    originatingArea: '',
  };
}

const text = (v: string) => (v.trim() ? v.trim() : null);

export function offenceInput(d: OffenceDraft): OffenceInput {
  const reported = d.reportedToPolice === 'yes' ? true : d.reportedToPolice === 'no' ? false : null;
  return {
    offenceCategory: d.offenceCategory || null,
    hateCrime: d.hateCrime,
    summary: text(d.summary),
    reportedToPolice: reported,
    crimeReference: reported ? text(d.crimeReference) : null,
    // Not reported: the server records the stage as "not reported" itself.
    proceedingsStage: reported ? d.proceedingsStage || null : null,
    area: d.area || null,
    areaDetail: d.area === 'outside_county' ? text(d.areaDetail) : null,
    originatingArea: text(d.originatingArea),
  };
}
