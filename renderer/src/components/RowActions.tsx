/** The Edit and Delete buttons at the end of a table row, labelled with the row's name. */
export function RowActions({
  name,
  onEdit,
  onDelete,
}: {
  name: string;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <div className="row-actions">
      <button type="button" className="btn btn-small" onClick={onEdit} aria-label={`Edit ${name}`}>
        Edit
      </button>
      <button
        type="button"
        className="btn btn-small btn-danger-quiet"
        onClick={onDelete}
        aria-label={`Delete ${name}`}
      >
        Delete
      </button>
    </div>
  );
}
