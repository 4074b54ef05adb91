// Placeholder until its issue lands; replaced by the real section.
export function SnippetsSection() {
  return <p>建设中</p>;
}
