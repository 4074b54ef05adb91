// Placeholder until its issue lands; replaced by the real section.
export function LeadSection() {
  return <p>建设中</p>;
}
