// The journeys by the name scripts/demo.sh takes.
import { patientJourney } from './patient.js';
import { pharmaJourney } from './pharma.js';

export const JOURNEYS = { patient: patientJourney, pharma: pharmaJourney };
