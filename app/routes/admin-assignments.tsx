export default function Placeholder() {
  return <p>In Arbeit.</p>
}
