import type { RouterContextProvider } from 'react-router'
import { PARTICIPANT_DETAILS_DAYS } from '../../../server/services/forums/join'
import { getParticipantT } from './participant.server'

type Ctx = Readonly<RouterContextProvider>

export function loadPrivacy(context: Ctx) {
  return { title: getParticipantT(context)('participant:privacy.title'), days: PARTICIPANT_DETAILS_DAYS }
}

export function loadEasy(context: Ctx) {
  return { title: getParticipantT(context)('participant:easy.title') }
}
