export function loader() {
  return new Response('massnahme_id;ziel;massnahme;einheit;rolle\n', { headers: { 'Content-Type': 'text/csv; charset=utf-8' } })
}
