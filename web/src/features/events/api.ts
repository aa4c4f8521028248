import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PAccreditation, PAccreditationPage, PBoard, PEvent, PEventSummary, PIncident, TAccreditationDecisionRequest, TCommitteeMemberRequest, TCreateEventRequest, TCreateIncidentRequest, TCreateVenueRequest, TIncidentUpdateRequest, TUpdateEventRequest } from '../../../../common';
import { api, query } from '../../api/client';
import { uploadFile } from '../../api/upload';

import { EVENTS_KEY } from './live';

export { EVENTS_KEY };
const eventKey = (id: string) => [...EVENTS_KEY, 'one', id] as const;
const base = (id: string) => `/api/major-events/${encodeURIComponent(id)}`;

export function useEvents() {
  return useQuery({ queryKey: [...EVENTS_KEY, 'list'], queryFn: () => api.get<{ events: PEventSummary[]; abilities: { create: boolean } }>('/api/major-events') });
}

export function useEvent(id: string) {
  return useQuery({ queryKey: eventKey(id), queryFn: async () => (await api.get<{ event: PEvent }>(base(id))).event });
}

export function useBoard(id: string) {
  return useQuery({ queryKey: [...eventKey(id), 'board'], queryFn: async () => (await api.get<{ board: PBoard }>(`${base(id)}/board`)).board });
}

export function useIncident(eventId: string, incidentId: string | null) {
  return useQuery({
    queryKey: [...eventKey(eventId), 'incident', incidentId],
    enabled: incidentId !== null,
    queryFn: async () => (await api.get<{ incident: PIncident }>(`${base(eventId)}/incidents/${encodeURIComponent(incidentId!)}`)).incident,
  });
}

export function useAccreditation(id: string, enabled: boolean, q: { status: string; page: number }) {
  return useQuery({
    queryKey: [...eventKey(id), 'accreditation', q],
    enabled,
    placeholderData: (prev) => prev,
    queryFn: () => api.get<PAccreditationPage>(`${base(id)}/accreditation${query(q)}`),
    // While a list of the viewer's agency is screened, its progress is followed.
    refetchInterval: (qr) => (qr.state.data?.lists.some((l) => l.job && ['queued', 'running'].includes(l.job.state)) ? 1000 : false),
  });
}

function useEventMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: EVENTS_KEY }) });
}

export const useCreateEvent = () => useEventMutation((body: TCreateEventRequest) => api.post<{ event: PEvent }>('/api/major-events', body));
export const useUpdateEvent = (id: string) => useEventMutation((body: TUpdateEventRequest) => api.patch<{ event: PEvent }>(base(id), body));
export const useAddVenue = (id: string) => useEventMutation((body: TCreateVenueRequest) => api.post<{ event: PEvent }>(`${base(id)}/venues`, body));
export const useSeatAgency = (id: string) => useEventMutation((body: TCommitteeMemberRequest) => api.put<{ event: PEvent }>(`${base(id)}/committee`, body));
export const useUnseatAgency = (id: string) => useEventMutation((agencyId: string) => api.delete<{ event: PEvent }>(`${base(id)}/committee/${encodeURIComponent(agencyId)}`));
export const useLinkCase = (id: string) => useEventMutation((caseId: string) => api.post<{ event: PEvent }>(`${base(id)}/cases`, { caseId }));
export const useLogIncident = (id: string) => useEventMutation((body: TCreateIncidentRequest) => api.post<{ incident: PIncident }>(`${base(id)}/incidents`, body));
export const useUpdateIncident = (id: string, incidentId: string) =>
  useEventMutation((body: TIncidentUpdateRequest) => api.post<{ incident: PIncident }>(`${base(id)}/incidents/${encodeURIComponent(incidentId)}/updates`, body));
export const useDecide = (id: string) =>
  useEventMutation(({ personId, ...body }: TAccreditationDecisionRequest & { personId: string }) => api.post<{ person: PAccreditation }>(`${base(id)}/accreditation/${encodeURIComponent(personId)}/decision`, body));

export function useUploadAccreditation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, purpose, onProgress }: { file: File; purpose: string; onProgress: (f: number) => void }) =>
      uploadFile<{ list: { id: string; jobId: string } }>(`${base(id)}/accreditation${query({ purpose })}`, file, onProgress),
    onSuccess: () => void qc.invalidateQueries({ queryKey: EVENTS_KEY }),
  });
}
